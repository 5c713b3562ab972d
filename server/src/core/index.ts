/**
 * The analysis core of Policy Lexicon: glossaries in, terminology knowledge about Markdown
 * drafts out. It knows nothing of LSP or VS Code; the language server, the CLI and the tests
 * are its front ends. Positions are LSP-shaped (0-based line, UTF-16 character).
 */
import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyser, type DocumentAnalysis } from './analysis';
import type { PreparedDocument } from './prepared';
import { GlossaryIndex } from './glossary/glossaryIndex';
import type { Glossary } from './glossary/schema';
import { complete, type CompletionResult } from './features/completion';
import { documentTerms, type DocumentTerm } from './features/documentTerms';
import { hover, type TermInfo } from './features/hover';
import { diagnose, FindingCache, type Finding } from './features/diagnostics';
import { codeActions, fixAll, type CodeActionCandidate } from './features/codeActions';
import { semanticTokens, type TermToken } from './features/semanticTokens';
import { expansionHints, type ExpansionHint } from './features/inlayHints';
import type { CheckOptions, Edit } from './rules/types';
import { entryAt, mentionsOf, searchEntries } from './features/navigation';
import type { Entry } from './glossary/schema';

export type { DocumentAnalysis, Mention } from './analysis';
export { formFinder, packedBuffers, packPrepared, prepareDocument, unpackPrepared, type FormFinder, type PackedPrepared, type PreparedDocument } from './prepared';
export type { MatcherForm } from './glossary/glossaryIndex';
export type { CompletionCandidate, CompletionResult } from './features/completion';
export type { DocumentTerm } from './features/documentTerms';
export type { TermInfo } from './features/hover';
export type { Finding } from './features/diagnostics';
export type { CodeActionCandidate } from './features/codeActions';
export type { TermToken, TermTokenType, TermTokenModifier } from './features/semanticTokens';
export { TERM_TOKEN_TYPES, TERM_TOKEN_MODIFIERS } from './features/semanticTokens';
export type { ExpansionHint } from './features/inlayHints';
export type { CheckOptions, Edit, Fix, Severity, SpellingProfile, Rule } from './rules/types';
export { DEFAULT_CHECK_OPTIONS, SEVERITIES, SPELLING_PROFILES } from './rules/types';
export { RULES, RULE_IDS } from './rules';
export { applyEdits } from './edits';
export { sizeVerdict, MAX_INTERACTIVE_LENGTH, MAX_INTERACTIVE_STRETCH, type SizeVerdict } from './size';
export { addAcceptedEdit, appendEntryEdit, entryLines, newGlossaryText, renameEntryEdits, yamlString } from './glossary/edit';
export type { Entry, EntryKind, Glossary, GlossaryProblem, LoadResult, Source, Variant } from './glossary/schema';
export { ENTRY_KINDS, entryOf, variantOf } from './glossary/schema';
export { loadGlossary } from './glossary/load';
export { loadTbx } from './glossary/tbx';
export { glossarySetProblems } from './glossary/conflicts';
export { GlossaryIndex } from './glossary/glossaryIndex';
export { sessionLabel, ordinalWords, formatDate, isSafeUrl } from './describe';

/** Where the core reports what it cannot put in a result. */
export interface Logger {
  log(message: string): void;
  error(message: string): void;
}

export interface LexiconServiceInit {
  /** The glossaries in precedence order: later entries with the same id win. */
  readonly glossaries: readonly Glossary[];
  readonly logger?: Logger;
}

/** The documented API of the core. Every function is total over any document text. */
export interface LexiconService {
  /** The current glossary index (rebuilt only by `setGlossaries`). */
  readonly index: () => GlossaryIndex;
  /** Replaces the glossaries; later analyses use the new index. */
  setGlossaries(glossaries: readonly Glossary[]): void;
  /**
   * The analysis of a document version; cached per URI and version. `prepared`: the version's
   * `prepareDocument`, made elsewhere (another thread), for an analysis from scratch to start from.
   */
  analyse(doc: TextDocument, prepared?: PreparedDocument): DocumentAnalysis;
  /** What to show when hovering `position`, or undefined when nothing is recognised there. */
  hover(doc: TextDocument, position: Position): TermInfo | undefined;
  /** Official names, acronyms and resolution numbers to offer at `position`. */
  complete(doc: TextDocument, position: Position): CompletionResult;
  /** The glossary entries a document mentions, with counts and first ranges. */
  documentTerms(doc: TextDocument): DocumentTerm[];
  /** Every finding of the enabled rules, in document order; `prepared` as for `analyse`. */
  diagnose(doc: TextDocument, options: CheckOptions, prepared?: PreparedDocument): Finding[];
  /** Quick fixes for the findings touching the range, recomputed on this document version. */
  codeActions(doc: TextDocument, range: { start: Position; end: Position }, options: CheckOptions): CodeActionCandidate[];
  /** Every available fix as one set of edits on this document version; applying it twice changes nothing more. */
  fixAll(doc: TextDocument, options: CheckOptions): Edit[];
  /** The entry mentioned at a position (for go to definition, references and rename). */
  entryAt(doc: TextDocument, position: Position): { entry: Entry; start: Position; end: Position; renamable: boolean } | undefined;
  /** The mentions of an entry in a document; with `namesOnly`, only written names (what a rename changes). */
  mentionsOf(doc: TextDocument, entryId: string, namesOnly?: boolean): Array<{ start: Position; end: Position; text: string }>;
  /** Entries matching a workspace-symbol query. */
  searchEntries(query: string): Entry[];
  /** Highlighting for every glossary mention and resolution citation, split at line breaks. */
  semanticTokens(doc: TextDocument): TermToken[];
  /** The expansion of each acronym used before the draft introduces it, limited to `range` when given. */
  expansionHints(doc: TextDocument, range?: { start: Position; end: Position }): ExpansionHint[];
  /** Drops everything kept about a document (on close). */
  forget(uri: string): void;
}

export function createLexiconService(init: LexiconServiceInit): LexiconService {
  let index = new GlossaryIndex(init.glossaries);
  const analysers = new Map<string, DocumentAnalyser>();
  const latest = new Map<string, { version: number; index: GlossaryIndex; analysis: DocumentAnalysis }>();
  const findingCaches = new Map<string, FindingCache>();
  const findingCache = (uri: string) => {
    let cache = findingCaches.get(uri);
    if (!cache) findingCaches.set(uri, (cache = new FindingCache()));
    return cache;
  };

  const analyse = (doc: TextDocument, prepared?: PreparedDocument): DocumentAnalysis => {
    const cached = latest.get(doc.uri);
    if (cached && cached.version === doc.version && cached.index === index) return cached.analysis;
    let analyser = analysers.get(doc.uri);
    if (!analyser) {
      analyser = new DocumentAnalyser();
      analysers.set(doc.uri, analyser);
    }
    const analysis = analyser.analyse(doc.getText(), index, prepared);
    latest.set(doc.uri, { version: doc.version, index, analysis });
    return analysis;
  };

  return Object.freeze({
    index: () => index,
    setGlossaries(glossaries: readonly Glossary[]) {
      index = new GlossaryIndex(glossaries);
    },
    analyse,
    hover: (doc: TextDocument, position: Position) => hover(doc, analyse(doc), index, position),
    complete: (doc: TextDocument, position: Position) => complete(doc, analyse(doc), index, position),
    documentTerms: (doc: TextDocument) => documentTerms(doc, analyse(doc)),
    diagnose: (doc: TextDocument, options: CheckOptions, prepared?: PreparedDocument) => diagnose(analyse(doc, prepared), index, options, init.logger, findingCache(doc.uri)),
    codeActions: (doc: TextDocument, range: { start: Position; end: Position }, options: CheckOptions) =>
      codeActions(analyse(doc), index, options, doc.offsetAt(range.start), doc.offsetAt(range.end), init.logger),
    fixAll: (doc: TextDocument, options: CheckOptions) => fixAll(doc.getText(), index, options, init.logger),
    entryAt: (doc: TextDocument, position: Position) => entryAt(doc, analyse(doc), position),
    mentionsOf: (doc: TextDocument, entryId: string, namesOnly?: boolean) => mentionsOf(doc, analyse(doc), entryId, namesOnly),
    searchEntries: (query: string) => searchEntries(index, query),
    semanticTokens: (doc: TextDocument) => semanticTokens(doc, analyse(doc)),
    expansionHints: (doc: TextDocument, range?: { start: Position; end: Position }) => expansionHints(doc, analyse(doc), range),
    forget(uri: string) {
      analysers.delete(uri);
      latest.delete(uri);
      findingCaches.delete(uri);
    },
  });
}
