/**
 * Custom requests and notifications between the Policy Lexicon client and server. This is
 * the only server file the client may import; other editors can use the same messages.
 */
import { RequestType, type Range, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';

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
}

export interface DocumentTermsResult {
  readonly terms: DocumentTermItem[];
}

/** Lists the glossary entries a document mentions, in order of first mention, with counts. */
export namespace DocumentTermsRequest {
  export const method = 'policyLexicon/documentTerms';
  export const type = new RequestType<DocumentTermsParams, DocumentTermsResult, void>(method);
}

/** The command that applies every available fix to a document; its one argument is the document URI. */
export const FIX_ALL_COMMAND = 'policyLexicon.fixAll';

/** The command that checks every draft of the workspace and publishes the findings of closed drafts too. */
export const CHECK_WORKSPACE_COMMAND = 'policyLexicon.checkWorkspace';
