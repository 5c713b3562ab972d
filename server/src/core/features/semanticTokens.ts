import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, Mention } from '../analysis';

/**
 * The kinds of glossary-aware highlighting. They complement the TextMate grammar, which only
 * knows shapes (all-capitals words, citations); these know the glossary, workspace glossaries
 * included. `docs/highlighting.md` documents them for theme authors.
 */
export const TERM_TOKEN_TYPES = ['policyTerm', 'policyAcronym', 'policyResolution'] as const;
export type TermTokenType = (typeof TERM_TOKEN_TYPES)[number];

/**
 * `declaration`: the acronym where the draft introduces it ("Full Name (ACR)").
 * `deprecated`: a non-canonical variant of the term (it also has a finding).
 */
export const TERM_TOKEN_MODIFIERS = ['declaration', 'deprecated'] as const;
export type TermTokenModifier = (typeof TERM_TOKEN_MODIFIERS)[number];

/** One highlighted span on one line (a name that wraps over lines gives one token per line). */
export interface TermToken {
  readonly line: number;
  /** UTF-16 column. */
  readonly character: number;
  readonly length: number;
  readonly type: TermTokenType;
  readonly modifiers: readonly TermTokenModifier[];
}

/** Tokens for every glossary mention and resolution number or symbol, in document order. */
export function semanticTokens(doc: TextDocument, analysis: DocumentAnalysis): TermToken[] {
  const tokens: TermToken[] = [];
  for (const mention of analysis.mentions) {
    const type = tokenType(mention);
    if (!type) continue;
    const modifiers: TermTokenModifier[] = [];
    if (mention.definedBy) modifiers.push('declaration');
    if (mention.ref?.type === 'variant') modifiers.push('deprecated');
    // A citation's token is its number ("71/28"), not the keyword before it, as in the grammar.
    const citation = mention.citation;
    const start = citation && !citation.symbol ? Math.max(mention.start, mention.end - citation.written.length) : mention.start;
    pushLines(tokens, doc, analysis.text, start, mention.end, type, modifiers);
  }
  return tokens;
}

function tokenType(mention: Mention): TermTokenType | undefined {
  if (mention.citation) return 'policyResolution';
  const ref = mention.ref;
  if (!mention.entry || !ref) return undefined;
  if (ref.type === 'acronym' || ref.acronymLike) return 'policyAcronym';
  // A variant whose fix is the acronym ("ADMM Plus" for ADMM-Plus) is a misspelt acronym.
  if (ref.type === 'variant' && ref.variant?.replacement !== undefined && ref.variant.replacement === mention.entry.acronym) return 'policyAcronym';
  return 'policyTerm';
}

/** Splits [start, end) at line breaks: a semantic token never spans lines. */
function pushLines(out: TermToken[], doc: TextDocument, text: string, start: number, end: number, type: TermTokenType, modifiers: readonly TermTokenModifier[]): void {
  let from = start;
  while (from < end) {
    let to = text.indexOf('\n', from);
    if (to < 0 || to > end) to = end;
    let stop = to;
    if (stop > from && text[stop - 1] === '\r') stop--;
    if (stop > from) {
      const position = doc.positionAt(from);
      out.push({ line: position.line, character: position.character, length: stop - from, type, modifiers });
    }
    from = to + 1;
    // Continuation lines of a wrapped name start after their indentation and any list or quote marker.
    while (from < end && /[ \t>]/.test(text[from])) from++;
  }
}
