import { softKey, STOPWORDS, tokenize } from './common';
import type { BlockContext, BlockRule, RawFinding } from './types';

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
    for (const mention of mentions) {
      const entry = mention.entry;
      if (!entry || mention.definedBy || mention.ref?.type !== 'acronym') continue;
      const before = block.prose.slice(0, mention.start - block.start);
      const open = /\(\s*$/.exec(before);
      if (!open || !/^\s*\)/.test(block.prose.slice(mention.end - block.start))) continue;
      const parenAt = block.start + open.index;
      tokens ??= tokenize(block);
      const preceding = tokens.filter((t) => t.end <= parenAt);
      const nameWords = entry.name.split(/[\s\-]+/).map(softKey);
      const limit = nameWords.length + SLACK;
      let first = -1;
      for (let k = preceding.length - 1; k >= 0 && k >= preceding.length - limit; k--) {
        if (k < preceding.length - 1 && preceding[k].breakAfter) break;
        if (softKey(preceding[k].text) === nameWords[0]) first = k;
      }
      if (first < 0) continue;
      const window = preceding.slice(first);
      const start = window[0].start;
      const end = window[window.length - 1].end;
      // Another recognised term there (a variant, an accepted form) is reported by its own rule.
      if (mentions.some((m) => m !== mention && m.start < end && m.end > start && m.entry === entry)) continue;
      const content = nameWords.filter((w) => !STOPWORDS.has(w));
      const written = new Set(window.map((t) => softKey(t.text)));
      const shared = content.filter((w) => written.has(w)).length;
      if (shared * 2 < content.length) continue;
      const expansion = text.slice(start, end).replace(/\s+/g, ' ');
      findings.push({
        start,
        end,
        message: `"${expansion}" is not the expansion of ${mention.text}: the official name is "${entry.name}".`,
        fix: { title: `Replace with "${entry.name}"`, edits: [{ start, end, newText: entry.name }] },
      });
    }
    return findings;
  },
};
