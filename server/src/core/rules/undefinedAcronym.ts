import { mentionsBefore, mentionStartingAt, type DocumentAnalysis, type Mention } from '../analysis';
import type { Entry } from '../glossary/schema';
import type { DocumentRule, RawFinding, RuleContext } from './types';

/**
 * Flags the first use of an acronym that must be expanded ("Full Name (ACR)") before its
 * expansion appears in the document. A table row or list item that pairs the name with the
 * acronym counts as an introduction, as a list of abbreviations does.
 */
export const undefinedAcronym: DocumentRule = {
  id: 'undefined-acronym',
  scope: 'document',
  defaultSeverity: 'warning',
  description: 'An acronym that must be expanded at first use, used before its expansion appears in the document.',
  check({ analysis, text }: RuleContext): RawFinding[] {
    const findings: RawFinding[] = [];
    // Only each entry's first use of its acronym can be a finding: read per entry, not mention by mention.
    for (const list of analysis.entryMentions.values()) {
      const entry = list[0].entry;
      if (!entry || !entry.expand) continue;
      let i = 0;
      while (i < list.length && !isAcronymUse(list[i])) i++;
      if (i === list.length) continue;
      const mention = list[i];
      const introducedAt = analysis.introductions.get(entry.id);
      if (mention.definedBy || (introducedAt !== undefined && introducedAt < mention.start)) continue;
      // "Wrong Expansion (ACR)" is an introduction too; `wrong-expansion` reports what is wrong with it.
      if (isParenthesisedAfterWords(text, mention.start, mention.end)) continue;
      if (pairedOnItsLine(analysis.mentions, mention, text, analysis.blocks[mention.block].kind === 'table' || analysis.blocks[mention.block].inList)) continue;
      findings.push(usedBeforeIntroduced(analysis, mention, entry));
    }
    // In document order, as every rule reports.
    return findings.sort((a, b) => a.start - b.start);
  },
};

/** The finding of `mention`, the first use of `entry`'s acronym, made before any introduction. */
export function usedBeforeIntroduced(analysis: DocumentAnalysis, mention: Mention, entry: Entry): RawFinding {
  // The expansion writes the acronym as the glossary does, even where this use has it wrong.
  const expansion = `${entry.name} (${entry.acronym}${mention.plural ? 's' : ''})`;
  const introducedAt = analysis.introductions.get(entry.id);
  const later = introducedAt !== undefined ? mentionStartingAt(analysis, introducedAt) : undefined;
  return {
    start: mention.start,
    end: mention.end,
    message: `"${mention.text}" is used before it is introduced: write "${expansion}" at its first use.`,
    fix: { title: `Expand to "${expansion}"`, edits: [{ start: mention.start, end: mention.end, newText: expansion }] },
    related: later ? [{ start: later.start, end: later.end, message: `${entry.acronym} is expanded only here` }] : undefined,
  };
}

/** The acronym in any form: itself, an acronym-like accepted form, a variant of it ("ADMM Plus"), or the wrong case. */
export function isAcronymUse(mention: Mention): boolean {
  const ref = mention.ref;
  if (!ref) return false;
  if (ref.type === 'variant') return ref.variant?.replacement !== undefined && ref.variant.replacement === mention.entry?.acronym;
  return ref.type === 'acronym' || (ref.type === 'accepted' && ref.acronymLike);
}

/** In a table or list, the same line also holds a full form of the entry. */
export function pairedOnItsLine(mentions: readonly Mention[], mention: Mention, text: string, structured: boolean): boolean {
  if (!structured) return false;
  const lineStart = text.lastIndexOf('\n', mention.start - 1) + 1;
  let lineEnd = text.indexOf('\n', mention.end);
  if (lineEnd < 0) lineEnd = text.length;
  // The line's mentions, found by binary search: mentions are in document order.
  for (let i = mentionsBefore(mentions, lineStart); i < mentions.length && mentions[i].start < lineEnd; i++) {
    const m = mentions[i];
    if (m !== mention && m.entry === mention.entry && m.end <= lineEnd && m.ref && !m.ref.acronymLike && m.ref.type !== 'acronym') return true;
  }
  return false;
}

/** "… words (ACR)": the acronym stands alone in parentheses right after a word. */
export function isParenthesisedAfterWords(text: string, start: number, end: number): boolean {
  return /[\p{L}\p{N}'’*_\]]\s*\(\s*$/u.test(text.slice(Math.max(0, start - 40), start)) && /^\s*\)/.test(text.slice(end, end + 8));
}
