import type { Mention } from '../analysis';
import type { Block } from '../markdown/blocks';
import { plainPunctuation } from '../text';
import { capitalise, isSentenceStart, oneLine } from './common';
import type { BlockContext, BlockRule, RawFinding } from './types';

/**
 * Flags a known non-canonical variant of a glossary term, and a term written in the wrong
 * case ("Telmin", "asean regional forum"). A capital at the start of a sentence and title case
 * in a heading are how English writes names there, so they are not findings.
 */
export const nonCanonical: BlockRule = {
  id: 'non-canonical',
  scope: 'block',
  defaultSeverity: 'warning',
  description: 'A known non-canonical variant of a glossary term, including the wrong case or punctuation.',
  checkBlock({ block, mentions }: BlockContext): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const mention of mentions) {
      const ref = mention.ref;
      if (!ref || !mention.entry) continue;
      if (ref.type === 'variant') {
        const replacement = ref.variant?.replacement ?? mention.entry.name;
        const fixed = isSentenceStart(block, mention.start) ? capitalise(replacement) : replacement;
        const reason = ref.variant?.reason ? ` (${ref.variant.reason})` : '';
        findings.push({
          start: mention.start,
          end: mention.end,
          message: `"${oneLine(mention.text)}" is not the official form: write "${replacement}"${reason}.`,
          fix: { title: `Replace with "${fixed}"`, edits: [{ start: mention.start, end: mention.end, newText: fixed }] },
        });
        continue;
      }
      if (mention.caseMismatch && !caseIsAllowed(block, mention)) {
        const expected = mention.plural ? `${ref.text}s` : ref.text;
        const fixed = isSentenceStart(block, mention.start) && !ref.acronymLike ? capitalise(expected) : expected;
        if (fixed === mention.text) continue;
        findings.push({
          start: mention.start,
          end: mention.end,
          message: `"${oneLine(mention.text)}" is written in the wrong case: the official form is "${expected}".`,
          fix: { title: `Replace with "${fixed}"`, edits: [{ start: mention.start, end: mention.end, newText: fixed }] },
        });
      }
    }
    return findings;
  },
};

/**
 * Case differences English allows in a name: an initial capital at the start of a sentence,
 * and title case or capitals in a heading. Acronyms have one right case everywhere.
 */
function caseIsAllowed(block: Block, mention: Mention): boolean {
  const ref = mention.ref!;
  if (ref.acronymLike) return false;
  const written = plainPunctuation(mention.text).split(/\s+/);
  const official = plainPunctuation(ref.text).split(/\s+/);
  if (written.length !== official.length) return false;
  const sentenceStart = isSentenceStart(block, mention.start);
  return written.every((word, i) => {
    const target = official[i];
    if (word === target) return true;
    if (block.kind === 'heading' && (isTitleCase(word, target) || word === target.toUpperCase())) return true;
    return i === 0 && sentenceStart && word === capitalise(target);
  });
}

/** "Capacity-Building" for "capacity-building": every part starts with a capital, the rest as official. */
function isTitleCase(word: string, target: string): boolean {
  const parts = word.split('-');
  const targets = target.split('-');
  return parts.length === targets.length && parts.every((p, i) => p === capitalise(targets[i]) || p === targets[i]);
}
