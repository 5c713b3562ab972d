import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, Mention } from '../analysis';

/** The expansion of an acronym the reader has not been told yet, shown after it. */
export interface ExpansionHint {
  /** Just after the acronym. */
  readonly position: Position;
  /** The full name, as the glossary writes it. */
  readonly label: string;
  /** Plain text for the hint's tooltip. */
  readonly tooltip: string;
  readonly entryId: string;
}

/**
 * Hints for acronyms used before the draft introduces them ("Full Name (ACR)"), or in a draft
 * that never does: the reader of the draft would not know them yet, so the writer is shown
 * what they stand for. Only entries whose acronym must be expanded (`expand: true`) get one;
 * ASEAN or U.S. need none. `range` limits the hints to the visible part of the document.
 */
export function expansionHints(doc: TextDocument, analysis: DocumentAnalysis, range?: { start: Position; end: Position }): ExpansionHint[] {
  const from = range ? doc.offsetAt(range.start) : 0;
  const to = range ? doc.offsetAt(range.end) : Number.POSITIVE_INFINITY;
  const hints: ExpansionHint[] = [];
  for (const mention of analysis.mentions) {
    if (mention.end < from) continue;
    if (mention.start > to) break;
    const entry = mention.entry;
    if (!entry?.expand || !entry.acronym || !isAcronymUse(mention) || mention.definedBy) continue;
    const introducedAt = analysis.introductions.get(entry.id);
    if (introducedAt !== undefined && introducedAt < mention.start) continue;
    hints.push({
      position: doc.positionAt(mention.end),
      label: entry.name,
      tooltip:
        introducedAt === undefined
          ? `${entry.acronym} is not expanded anywhere in this draft. At its first use, write "${entry.name} (${entry.acronym})".`
          : `${entry.acronym} is expanded only further down. At its first use, write "${entry.name} (${entry.acronym})".`,
      entryId: entry.id,
    });
  }
  return hints;
}

/** The acronym as written, or an acronym-like accepted form of it; not a full name. */
function isAcronymUse(mention: Mention): boolean {
  const ref = mention.ref;
  return ref !== undefined && (ref.type === 'acronym' || (ref.type === 'accepted' && ref.acronymLike));
}
