import { softKey, STOPWORDS, tokenize } from './common';
import type { BlockContext, BlockRule, RawFinding } from './types';
import { MAX_STRING_LENGTH } from '../glossary/load';

/** How many words before "(ACR)" are searched for the start of an attempted expansion, beyond the name's length. */
const SLACK = 3;

/**
 * Flags an acronym introduced in parentheses after an expansion that differs from the
 * glossary's name but is clearly meant as it: it starts with the name's first word and holds
 * at least half of the name's words ("ASEAN Telecommunications Ministers Meeting (TELMIN)").
 */
export const wrongExpansion: BlockRule = {
  id: 'wrong-expansion',
  scope: 'block',
  defaultSeverity: 'warning',
  description: 'An acronym introduced with an expansion that differs from the glossary.',
  checkBlock({ block, mentions, text }: BlockContext): RawFinding[] {
    const findings: RawFinding[] = [];
    let tokens: ReturnType<typeof tokenize> | undefined;
    // Everything here is local to the "(ACR)": a block of any length costs time in proportion to it.
    const prose = block.prose;
    mentions.forEach((mention, i) => {
      const entry = mention.entry;
      if (!entry || mention.definedBy || mention.ref?.type !== 'acronym') return;
      let open = mention.start - block.start - 1;
      while (open >= 0 && /\s/.test(prose[open])) open--;
      let close = mention.end - block.start;
      while (close < prose.length && /\s/.test(prose[close])) close++;
      if (open < 0 || prose[open] !== '(' || prose[close] !== ')') return;
      const parenAt = block.start + open;
      tokens ??= tokenize(block);
      const upTo = tokensEndingBy(tokens, parenAt);
      const nameWords = entry.name.split(/[\s\-]+/).map(softKey);
      const limit = nameWords.length + SLACK;
      let first = -1;
      for (let k = upTo - 1; k >= 0 && k >= upTo - limit; k--) {
        if (k < upTo - 1 && tokens[k].breakAfter) break;
        if (softKey(tokens[k].text) === nameWords[0]) first = k;
      }
      if (first < 0) return;
      const window = tokens.slice(first, upTo);
      const start = window[0].start;
      const end = window[window.length - 1].end;
      // Another recognised term there (a variant, an accepted form) is reported by its own rule.
      // Mentions are in document order and no longer than a glossary string, so only a few before this one can overlap.
      for (let j = i - 1; j >= 0 && mentions[j].start > start - 2 * MAX_STRING_LENGTH; j--) {
        const m = mentions[j];
        if (m.start < end && m.end > start && m.entry === entry) return;
      }
      const content = nameWords.filter((w) => !STOPWORDS.has(w));
      const written = new Set(window.map((t) => softKey(t.text)));
      const shared = content.filter((w) => written.has(w)).length;
      if (shared * 2 < content.length) return;
      const expansion = text.slice(start, end).replace(/\s+/g, ' ');
      findings.push({
        start,
        end,
        message: `"${expansion}" is not the expansion of ${mention.text}: the official name is "${entry.name}".`,
        fix: { title: `Replace with "${entry.name}"`, edits: [{ start, end, newText: entry.name }] },
      });
    });
    return findings;
  },
};

/** How many tokens end at or before `offset` (tokens are in document order). */
function tokensEndingBy(tokens: ReturnType<typeof tokenize>, offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
