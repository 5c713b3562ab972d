import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../analysis';
import type { EntryKind } from '../glossary/schema';

/** One glossary entry a draft mentions, with how often and where first. */
export interface DocumentTerm {
  readonly id: string;
  readonly kind: EntryKind;
  readonly name: string;
  readonly acronym: string | undefined;
  readonly count: number;
  readonly firstRange: { readonly start: Position; readonly end: Position };
  readonly definition: string | undefined;
}

/** The entries a draft mentions, in order of first mention. */
export function documentTerms(doc: TextDocument, analysis: DocumentAnalysis): DocumentTerm[] {
  const counts = new Map<string, number>();
  for (const mention of analysis.mentions) {
    if (mention.entry) counts.set(mention.entry.id, (counts.get(mention.entry.id) ?? 0) + 1);
  }
  const terms: DocumentTerm[] = [];
  for (const [id, first] of analysis.firstMentions) {
    const entry = first.entry!;
    terms.push({
      id,
      kind: entry.kind,
      name: entry.name,
      acronym: entry.acronym,
      count: counts.get(id) ?? 0,
      firstRange: { start: doc.positionAt(first.start), end: doc.positionAt(first.end) },
      definition: entry.definition,
    });
  }
  return terms;
}
