/**
 * spelling-variant's check as it was before it passed most words by a hash of their characters
 * (it cut, lower-cased and looked up every word), kept as the reference the rule is compared
 * with (spellingVariantDifferential.test.ts). Not shipped.
 */
import { matchCase, tokenize } from '../../../server/src/core/rules/common';
import { SPELLING_FAMILIES } from '../../../server/src/core/rules/spellingData';
import type { BlockContext, RawFinding, SpellingProfile } from '../../../server/src/core/rules/types';

const COLUMN = { un: 'un', 'en-GB': 'gb', 'en-US': 'us' } as const;
const PROFILE_NAME = { un: 'UN (Oxford) spelling', 'en-GB': 'British -ise spelling', 'en-US': 'American spelling' } as const;

function table(profile: Exclude<SpellingProfile, 'off'>): Map<string, string> {
  const map = new Map<string, string>();
  const column = COLUMN[profile];
  for (const family of SPELLING_FAMILIES) {
    family[column].forEach((house, i) => {
      for (const other of (['us', 'un', 'gb'] as const).map((c) => family[c][i])) if (other !== house) map.set(other, house);
    });
  }
  return map;
}

export function spellingVariantReference({ block, mentions, options }: BlockContext): RawFinding[] {
  if (options.spelling === 'off') return [];
  const words = table(options.spelling);
  const findings: RawFinding[] = [];
  const tokens = tokenize(block);
  let m = 0;
  tokens.forEach((token, i) => {
    while (m < mentions.length && mentions[m].end <= token.start) m++;
    if (m < mentions.length && mentions[m].start < token.end) return;
    const house = words.get(token.text.toLowerCase());
    if (!house) return;
    if (/^programs?$/i.test(token.text) && /^(computer|software)$/i.test(tokens[i - 1]?.text ?? '')) return;
    const fixed = matchCase(token.text, house);
    findings.push({
      start: token.start,
      end: token.end,
      message: `"${token.text}" is not the house spelling (${PROFILE_NAME[options.spelling as Exclude<SpellingProfile, 'off'>]}): write "${fixed}".`,
      fix: { title: `Replace with "${fixed}"`, edits: [{ start: token.start, end: token.end, newText: fixed }] },
    });
  });
  return findings;
}
