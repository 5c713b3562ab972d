/**
 * Custom requests and notifications between the Policy Lexicon client and server. This is
 * the only server file the client may import; other editors can use the same messages.
 */
import { NotificationType, RequestType, type Range, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';

/**
 * Environment for the server process, beside the editor's; the extension starts the server with
 * it, and so does the benchmark. On Linux with glibc, a fixed mmap threshold stops the C
 * allocator from raising it to the largest block freed so far (reading the bundle and a large
 * draft's didOpen do that) and then keeping freed memory in its arenas: with a 1 MB draft open
 * and idle, ~74 MiB resident instead of ~85 (docs/decisions.md, Performance). Other allocators
 * ignore it.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

export interface DocumentTermsParams {
  readonly textDocument: TextDocumentIdentifier;
}

export interface DocumentTermItem {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly count: number;
  readonly firstRange: Range;
  /** The glossary's definition, plain text (untrusted: show it as text, never as markup). */
  readonly definition?: string;
}

export interface DocumentTermsResult {
  readonly terms: DocumentTermItem[];
}

/** Lists the glossary entries a document mentions, in order of first mention, with counts. */
export namespace DocumentTermsRequest {
  export const method = 'policyLexicon/documentTerms';
  export const type = new RequestType<DocumentTermsParams, DocumentTermsResult, void>(method);
}

/** One glossary the server uses, or failed to load. */
export interface GlossaryStatus {
  /** "built-in glossary", or the file name of a workspace glossary. */
  readonly label: string;
  /** True for the glossary that ships with the server. */
  readonly builtin?: boolean;
  /** The glossary file. */
  readonly uri?: string;
  /** How many entries it gives (0 when it could not be loaded at all). */
  readonly entries: number;
  /** The first error in the file, if any (0-based line); the server then keeps its last good version. */
  readonly error?: { readonly uri: string; readonly line: number; readonly message: string };
}

export interface StatusParams {
  /** The glossaries in precedence order (later wins), the built-in one first. */
  readonly glossaries: readonly GlossaryStatus[];
}

/** Sent by the server whenever its glossaries are (re)loaded: what the status item shows. */
export namespace StatusNotification {
  export const method = 'policyLexicon/status';
  export const type = new NotificationType<StatusParams>(method);
}

// The `source` of every diagnostic the server publishes; the client counts findings by it.
export { DIAGNOSTIC_SOURCE } from './diagnosticSource';

/** The command that applies every available fix to a document; its one argument is the document URI. */
export const FIX_ALL_COMMAND = 'policyLexicon.fixAll';

/** The command that checks every draft of the workspace and publishes the findings of closed drafts too. */
export const CHECK_WORKSPACE_COMMAND = 'policyLexicon.checkWorkspace';
