import { FNV_SEED, fnvMix } from '../text';
import { matchCase, tokenSpanRoom, tokenSpans } from './common';
import { SPELLING_FAMILIES } from './spellingData';
import type { BlockContext, BlockRule, CheckOptions, RawFinding, SpellingProfile } from './types';

type Column = 'us' | 'un' | 'gb';
const COLUMN: Record<Exclude<SpellingProfile, 'off'>, Column> = { un: 'un', 'en-GB': 'gb', 'en-US': 'us' };
const PROFILE_NAME: Record<Exclude<SpellingProfile, 'off'>, string> = {
  un: 'UN (Oxford) spelling',
  'en-GB': 'British -ise spelling',
  'en-US': 'American spelling',
};

/**
 * For each profile: every word spelled otherwise, mapped to the house form, and the hashes of
 * those words (see `asciiHash`). Built on first use.
 */
interface Table {
  readonly words: Map<string, string>;
  readonly hashes: Set<number>;
}

const tables = new Map<SpellingProfile, Table>();

function table(profile: Exclude<SpellingProfile, 'off'>): Table {
  let found = tables.get(profile);
  if (found) return found;
  const words = new Map<string, string>();
  const column = COLUMN[profile];
  for (const family of SPELLING_FAMILIES) {
    family[column].forEach((house, i) => {
      for (const other of (['us', 'un', 'gb'] as const).map((c) => family[c][i])) {
        if (other !== house) words.set(other, house);
      }
    });
  }
  const hashes = new Set<number>();
  for (const word of words.keys()) {
    const units = new Uint16Array(word.length);
    for (let i = 0; i < word.length; i++) units[i] = word.charCodeAt(i);
    const hash = asciiHash(units, 0, units.length);
    if (hash !== undefined) hashes.add(hash);
  }
  found = { words, hashes };
  tables.set(profile, found);
  return found;
}

/**
 * The FNV-1a hash of units[from, to) in lower case, for ASCII only (undefined when a unit is
 * not ASCII). An ASCII word lower-cases to ASCII, so one whose hash no table word has is none
 * of them: most words are passed by this, without a string cut, lower-cased and looked up.
 * A word with other characters takes that way (`toLowerCase` maps some, as the Kelvin sign,
 * into ASCII).
 */
export function asciiHash(units: Uint16Array, from: number, to: number): number | undefined {
  let hash = FNV_SEED;
  for (let p = from; p < to; p++) {
    const c = units[p];
    if (c >= 128) return undefined;
    // The addition made for every character: made only for capitals, it had no type feedback
    // when V8 compiled this before the first capital came, and the compiled code was thrown away.
    hash = fnvMix(hash, c + (c >= 65 && c <= 90 ? 32 : 0));
  }
  return hash;
}

/** The rule's room for a block's words (given back after a long block, as `tokenize`'s is). */
let spans = tokenSpanRoom();
const SPANS_KEPT = 4096;
const CHARS_KEPT = 65_536;

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
    const { words, hashes } = table(options.spelling);
    const findings: RawFinding[] = [];
    const n = tokenSpans(block, spans);
    const { starts, ends } = spans;
    const units = spans.chars.units;
    const text = (t: number) => block.prose.slice(starts[t] - block.start, ends[t] - block.start);
    let m = 0;
    for (let t = 0; t < n; t++) {
      const start = starts[t];
      const end = ends[t];
      while (m < mentions.length && mentions[m].end <= start) m++;
      if (m < mentions.length && mentions[m].start < end) continue;
      const hash = asciiHash(units, start - block.start, end - block.start);
      if (hash !== undefined && !hashes.has(hash)) continue;
      const written = text(t);
      const house = words.get(written.toLowerCase());
      if (!house) continue;
      // A computer program is a "program" in Oxford spelling too.
      if (/^programs?$/i.test(written) && t > 0 && /^(computer|software)$/i.test(text(t - 1))) continue;
      const fixed = matchCase(written, house);
      findings.push({
        start,
        end,
        message: `"${written}" is not the house spelling (${PROFILE_NAME[options.spelling as Exclude<SpellingProfile, 'off'>]}): write "${fixed}".`,
        fix: { title: `Replace with "${fixed}"`, edits: [{ start, end, newText: fixed }] },
      });
    }
    if (spans.starts.length > SPANS_KEPT || spans.chars.units.length > CHARS_KEPT) spans = tokenSpanRoom();
    return findings;
  },
};
