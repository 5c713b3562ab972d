import { matchCase, tokenize } from './common';
import { SPELLING_FAMILIES } from './spellingData';
import type { BlockContext, BlockRule, CheckOptions, RawFinding, SpellingProfile } from './types';

type Column = 'us' | 'un' | 'gb';
const COLUMN: Record<Exclude<SpellingProfile, 'off'>, Column> = { un: 'un', 'en-GB': 'gb', 'en-US': 'us' };
const PROFILE_NAME: Record<Exclude<SpellingProfile, 'off'>, string> = {
  un: 'UN (Oxford) spelling',
  'en-GB': 'British -ise spelling',
  'en-US': 'American spelling',
};

/** For each profile: every word spelled otherwise, mapped to the house form. Built on first use. */
const tables = new Map<SpellingProfile, Map<string, string>>();

function table(profile: Exclude<SpellingProfile, 'off'>): Map<string, string> {
  let map = tables.get(profile);
  if (map) return map;
  map = new Map();
  const column = COLUMN[profile];
  for (const family of SPELLING_FAMILIES) {
    family[column].forEach((house, i) => {
      for (const other of (['us', 'un', 'gb'] as const).map((c) => family[c][i])) {
        if (other !== house) map!.set(other, house);
      }
    });
  }
  tables.set(profile, map);
  return map;
}

/**
 * Flags a word in the other spelling where the house style (`policyLexicon.spelling`) wants
 * its own: "program" for "programme" in UN spelling, "organisation" for "organization".
 * Official names keep their own spelling: words inside a recognised term are never flagged.
 */
export const spellingVariant: BlockRule = {
  id: 'spelling-variant',
  scope: 'block',
  defaultSeverity: 'warning',
  description: 'A word spelled otherwise than the house style (policyLexicon.spelling), outside official names.',
  optionsKey: (options: CheckOptions) => options.spelling,
  checkBlock({ block, mentions, options }: BlockContext): RawFinding[] {
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
      // A computer program is a "program" in Oxford spelling too.
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
  },
};
