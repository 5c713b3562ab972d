import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../analysis';
import { mentionAt } from '../analysis';
import type { Entry } from '../glossary/schema';
import type { GlossaryIndex } from '../glossary/glossaryIndex';

/** The glossary entry mentioned at a position, with the mention's range. */
export function entryAt(doc: TextDocument, analysis: DocumentAnalysis, position: Position): { entry: Entry; start: Position; end: Position; renamable: boolean } | undefined {
  const mention = mentionAt(analysis, doc.offsetAt(position));
  if (!mention?.entry) return undefined;
  const renamable = mention.ref !== undefined && mention.ref.type !== 'acronym' && !mention.ref.acronymLike;
  return { entry: mention.entry, start: doc.positionAt(mention.start), end: doc.positionAt(mention.end), renamable };
}

/** Where the mentions of an entry are in one analysed document (names, acronyms, variants, citations). */
export function mentionsOf(doc: TextDocument, analysis: DocumentAnalysis, entryId: string, namesOnly = false): Array<{ start: Position; end: Position; text: string }> {
  return analysis.mentions
    .filter((m) => m.entry?.id === entryId && (!namesOnly || (m.ref !== undefined && m.ref.type !== 'acronym' && !m.ref.acronymLike)))
    .map((m) => ({ start: doc.positionAt(m.start), end: doc.positionAt(m.end), text: m.text }));
}

/** Entries whose name, acronym or accepted forms contain the query (case-insensitive); all for an empty query. */
export function searchEntries(index: GlossaryIndex, query: string, limit = 200): Entry[] {
  const q = query.toLowerCase();
  const out: Entry[] = [];
  for (const entry of index.entries.values()) {
    const texts = [entry.name, entry.acronym ?? '', ...entry.accepted];
    if (!q || texts.some((t) => t.toLowerCase().includes(q))) out.push(entry);
    if (out.length >= limit) break;
  }
  return out;
}
