/**
 * The near-miss rule as it was before it was rewritten for speed (commit 1c64c59), kept unchanged
 * as the reference the rewrite is compared with (nearMissDifferential.test.ts). Not shipped.
 */
import type { Entry } from '../../../server/src/core/glossary/schema';
import type { GlossaryIndex } from '../../../server/src/core/glossary/glossaryIndex';
import { escapeRegExp } from '../../../server/src/core/text';
import { isSentenceStart, softKey, STOPWORDS, tokenize, type Token } from '../../../server/src/core/rules/common';
import type { BlockContext, BlockRule, RawFinding } from '../../../server/src/core/rules/types';

/**
 * Flags a phrase that is close to an official multi-word name but is not it and is not a
 * listed variant: one word substituted, dropped, added or swapped (names of four words or
 * more), or only "soft" differences at any length: singular/plural, British/US spelling,
 * "Cyber Security" for "Cybersecurity". Candidates come from a word index of the names,
 * anchored on the rarer of each name's first two words; no phrase is compared with every name.
 */
export const nearMissReference: BlockRule = {
  id: 'near-miss',
  scope: 'block',
  defaultSeverity: 'warning',
  description: 'A phrase close to an official multi-word name that is neither the name nor a listed variant.',
  checkBlock({ block, mentions, index, text }: BlockContext): RawFinding[] {
    const anchors = nameAnchors(index);
    const tokens = tokenize(block);
    const keys = tokens.map((t) => softKey(t.text));
    const lows = tokens.map((t) => lower(t.text));
    const best = new Map<number, { entry: Entry; end: number; cost: number }>();
    // Phrases with exactly a name's words (only punctuation differs): a window shifted by one
    // word over them ("ASEAN [Telecommunications … Meeting]") is not a near miss, and its fix would repeat a word.
    const exact: Array<{ start: number; end: number }> = [];
    // A large glossary files thousands of names under a common word: keep, once per block and in
    // their order, those that are not too far from every window of the block (see `farFromBlock`).
    let blockWords: Set<string> | undefined;
    const viable = new Map<string, ReadonlyArray<{ name: Name; anchor: number }>>();
    for (let i = 0; i < tokens.length; i++) {
      let candidates = viable.get(keys[i]);
      if (!candidates) {
        const all = anchors.byWord.get(keys[i]);
        if (!all) continue;
        // A short list costs less to check name by name at each occurrence.
        candidates = all.length < LONG_LIST ? all : viableNames(anchors, keys[i], (blockWords ??= wordsOfBlock(keys)));
        viable.set(keys[i], candidates);
      }
      for (const { name, anchor } of candidates) {
        for (const start of [i - anchor - 1, i - anchor, i - anchor + 1]) {
          if (start < 0 || start > i) continue;
          if (surelyTooFar(name, keys, start)) continue;
          if (writtenExactly(name, tokens, lows, start)) {
            // The name itself: no alignment needed, but a window shifted over it must still see it.
            exact.push({ start: tokens[start].start, end: tokens[start + name.raw.length - 1].end });
            continue;
          }
          const match = bestWindow(name, tokens, keys, lows, start);
          if (!match) continue;
          const from = tokens[start].start;
          const to = tokens[match.last].end;
          if (match.cost === 0) exact.push({ start: from, end: to });
          if (!acceptable(name, match, from, to, mentions)) continue;
          // Right before "(ACR)" of the same entry, the phrase is an expansion: `wrong-expansion` reports it.
          // Only within the block: a block's findings may depend on nothing outside it (they are memoised per block).
          if (name.entry.acronym && new RegExp(`^\\s*\\(\\s*${escapeRegExp(name.entry.acronym)}\\s*\\)`).test(text.slice(to, Math.min(block.end, to + name.entry.acronym.length + 12)))) continue;
          const previous = best.get(from);
          if (!previous || match.cost < previous.cost) best.set(from, { entry: name.entry, end: to, cost: match.cost });
        }
      }
    }
    // The cheapest candidates win; an overlapping costlier one ("the U.S.-ASEAN Smart City …") is dropped.
    const chosen: Array<{ start: number; end: number; entry: Entry }> = [];
    for (const [start, c] of [...best].sort((a, b) => a[1].cost - b[1].cost || a[0] - b[0])) {
      if (chosen.some((o) => start < o.end && c.end > o.start)) continue;
      if (exact.some((o) => start < o.end && c.end > o.start)) continue;
      chosen.push({ start, end: c.end, entry: c.entry });
    }
    const findings: RawFinding[] = [];
    for (const { start, end, entry } of chosen.sort((a, b) => a.start - b.start)) {
      const written = text.slice(start, end);
      const fixed = isSentenceStart(block, start) ? entry.name[0].toUpperCase() + entry.name.slice(1) : entry.name;
      findings.push({
        start,
        end,
        message: `"${written.replace(/\s+/g, ' ')}" is close to the official name "${entry.name}" but is not it.`,
        fix: { title: `Replace with "${fixed}"`, edits: [{ start, end, newText: fixed }] },
      });
    }
    return findings;
  },
};

interface Name {
  readonly entry: Entry;
  /** Soft keys of the name's words. */
  readonly words: readonly string[];
  /** The words in lower case, for exact comparison. */
  readonly raw: readonly string[];
  /** How many of the name's words start with a capital or a digit. */
  readonly capitals: number;
  readonly contentWords: number;
  /** softKey of each two adjacent words written as one ("Cyber Security" -> "cybersecurity"). */
  readonly pairs: readonly string[];
}

interface Anchors {
  readonly byWord: Map<string, Array<{ name: Name; anchor: number }>>;
  /**
   * For a long list in `byWord`: for each key that can cover one of a name's rarest words other
   * than the anchor (the word, or the word written as one with a neighbour), the names' positions
   * in the list, each with the bit of the word it covers. Three words are chosen (two for a
   * three-word name): a name `farFromBlock` keeps has at least two of them covered in the block,
   * so it is found from the block's words without reading the whole list.
   */
  readonly byCover: Map<string, Map<string, number[]>>;
}

/** Lists shorter than this are checked name by name at each occurrence, as they are. */
const LONG_LIST = 64;

const anchorCache = new WeakMap<GlossaryIndex, Anchors>();

/** Built once per glossary index: each name of three words or more, filed under its rarer first or second word. */
function nameAnchors(index: GlossaryIndex): Anchors {
  let anchors = anchorCache.get(index);
  if (anchors) return anchors;
  const names: Name[] = [];
  const frequency = new Map<string, number>();
  for (const entry of index.entries.values()) {
    if (entry.kind === 'resolution') continue;
    const split = splitWords(entry.name);
    const raw = split.map(lower);
    const capitals = split.filter(startsCapital).length;
    const words = raw.map(softKey);
    if (words.length < 3) continue;
    const pairs = words.slice(1).map((w, i) => softKey(words[i] + w));
    names.push({ entry, words, raw, capitals, contentWords: words.filter((w) => !STOPWORDS.has(w)).length, pairs });
    for (const w of new Set(words.slice(0, 2))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  }
  const byWord = new Map<string, Array<{ name: Name; anchor: number }>>();
  for (const name of names) {
    const anchor = (frequency.get(name.words[1]) ?? 0) < (frequency.get(name.words[0]) ?? 0) ? 1 : 0;
    const list = byWord.get(name.words[anchor]) ?? [];
    list.push({ name, anchor });
    byWord.set(name.words[anchor], list);
  }
  const byCover = new Map<string, Map<string, number[]>>();
  const everywhere = new Map<string, number>();
  for (const name of names) for (const w of name.words) everywhere.set(w, (everywhere.get(w) ?? 0) + 1);
  for (const [word, list] of byWord) {
    if (list.length < LONG_LIST) continue;
    const cover = new Map<string, number[]>();
    list.forEach(({ name, anchor }, position) => {
      const rarest = name.words
        .map((_, i) => i)
        .filter((i) => i !== anchor)
        .sort((a, b) => (everywhere.get(name.words[a]) ?? 0) - (everywhere.get(name.words[b]) ?? 0))
        .slice(0, 3);
      rarest.forEach((i, slot) => {
        const keys = new Set([name.words[i]]);
        if (i + 1 < name.words.length) keys.add(name.pairs[i]);
        if (i > 0) keys.add(name.pairs[i - 1]);
        for (const key of keys) {
          const at = cover.get(key);
          if (at) at.push(position * 4 + slot);
          else cover.set(key, [position * 4 + slot]);
        }
      });
    });
    byCover.set(word, cover);
  }
  anchors = { byWord, byCover };
  anchorCache.set(index, anchors);
  return anchors;
}

/** The names filed under `word` (a long list) that `farFromBlock` keeps, in their order. */
function viableNames(anchors: Anchors, word: string, blockWords: ReadonlySet<string>): ReadonlyArray<{ name: Name; anchor: number }> {
  const all = anchors.byWord.get(word)!;
  const cover = anchors.byCover.get(word)!;
  // Bits of the chosen words each name has covered; a name with two is a candidate.
  const covered = new Map<number, number>();
  const candidates: number[] = [];
  for (const w of blockWords) {
    for (const hit of cover.get(w) ?? []) {
      const position = hit >> 2;
      const before = covered.get(position) ?? 0;
      const after = before | (1 << (hit & 3));
      if (after === before) continue;
      covered.set(position, after);
      if (before !== 0 && (before & (before - 1)) === 0) candidates.push(position);
    }
  }
  return candidates.sort((a, b) => a - b).map((p) => all[p]).filter(({ name }) => !farFromBlock(name, blockWords));
}

const ORDINALS = new Set(['inaugural', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'last', 'next', 'annual']);

/** A word that tells one edition of a thing from another: an ordinal or a number. */
function isOrdinal(word: string): boolean {
  return ORDINALS.has(word) || /^\d+(st|nd|rd|th)?$/.test(word);
}

function startsCapital(word: string): boolean {
  return /^[A-Z0-9\u00C0-\u00DE]/.test(word);
}

function lower(word: string): string {
  return word.toLowerCase().replace(/['\u2019]/g, '');
}

function splitWords(text: string): string[] {
  return text.split(/[\s\-\u2010-\u2014]+/).map((w) => w.replace(/\.$/, (m) => (w.indexOf('.') === w.length - 1 ? '' : m))).filter(Boolean);
}

/**
 * A cheap, exact pre-check: true when every window from `start` needs at least two hard edits
 * (or one, for a name under four words), which `acceptable` rejects whatever the alignment. A
 * name word that appears nowhere in the longest window, neither softly nor as part of a compound,
 * can only be substituted or dropped, each a hard edit; shorter windows have fewer words still.
 * The profile showed the alignment of every anchored name at every occurrence of a common word
 * ("ASEAN") as the CLI's main cost; this skips almost all of them.
 */
function surelyTooFar(name: Name, keys: readonly string[], start: number): boolean {
  const words = name.words;
  const end = Math.min(keys.length, start + words.length + 1);
  let missing = 0;
  for (let i = 0; i < words.length; i++) {
    if (present(words[i], keys, start, end)) continue;
    if (i + 1 < words.length && present(name.pairs[i], keys, start, end)) continue;
    if (i > 0 && present(name.pairs[i - 1], keys, start, end)) continue;
    if (++missing > 1 || words.length < 4) return true;
  }
  return false;
}

/** Every key of the block, and every two adjacent keys written as one: all `present` can find in any window. */
function wordsOfBlock(keys: readonly string[]): Set<string> {
  const words = new Set(keys);
  for (let j = 0; j + 1 < keys.length; j++) words.add(softKey(keys[j] + keys[j + 1]));
  return words;
}

/**
 * `surelyTooFar` for every window of the block at once: a word missing from the whole block is
 * missing from each window, so a name this rejects is rejected by `surelyTooFar` at every start.
 */
function farFromBlock(name: Name, blockWords: ReadonlySet<string>): boolean {
  const words = name.words;
  let missing = 0;
  for (let i = 0; i < words.length; i++) {
    if (blockWords.has(words[i])) continue;
    if (i + 1 < words.length && blockWords.has(name.pairs[i])) continue;
    if (i > 0 && blockWords.has(name.pairs[i - 1])) continue;
    if (++missing > 1 || words.length < 4) return true;
  }
  return false;
}

/** Whether `word` is one of keys[start..end), or two adjacent ones written as one. */
function present(word: string, keys: readonly string[], start: number, end: number): boolean {
  for (let j = start; j < end; j++) {
    if (keys[j] === word) return true;
    if (j + 1 < end && word.startsWith(keys[j]) && softKey(keys[j] + keys[j + 1]) === word) return true;
  }
  return false;
}

/** The name written exactly from `start`: the alignment costs nothing, and a name is not its own near miss. */
function writtenExactly(name: Name, tokens: readonly Token[], lows: readonly string[], start: number): boolean {
  const m = name.raw.length;
  if (start + m > lows.length) return false;
  for (let i = 0; i < m; i++) if (lows[start + i] !== name.raw[i]) return false;
  // Only where `bestWindow` would consider that window (it skips lower-case ones).
  let capitals = 0;
  for (let i = 0; i < m; i++) if (startsCapital(tokens[start + i].text)) capitals++;
  return capitals >= name.capitals - 1 && !tokens.slice(start, start + m - 1).some((t) => t.breakAfter);
}

interface WindowMatch {
  readonly last: number;
  readonly cost: number;
  readonly hard: number;
  readonly firstOrLastMatches: boolean;
}

const SOFT = 0.25;

/**
 * The best alignment of a name's words with the tokens from `start` on: word-level edit
 * distance where a soft difference costs a quarter and a substitution, insertion, deletion or
 * swap of adjacent words costs one. Phrases stop at punctuation.
 */
function bestWindow(name: Name, tokens: readonly Token[], keys: readonly string[], lows: readonly string[], start: number): WindowMatch | undefined {
  const words = name.words;
  const m = words.length;
  let best: WindowMatch | undefined;
  for (let n = Math.max(1, m - 1); n <= m + 1; n++) {
    const last = start + n - 1;
    if (last >= tokens.length) break;
    if (tokens.slice(start, last).some((t) => t.breakAfter)) break;
    const text = tokens.slice(start, last + 1).map((t) => t.text);
    // A near miss of a proper name is written like one: "ASEAN cyber capacity development is" is prose.
    if (text.filter(startsCapital).length < name.capitals - 1) continue;
    const result = align(name, keys.slice(start, last + 1), lows.slice(start, last + 1));
    if (!result) continue;
    const firstOrLastMatches = keys[start] === words[0] || keys[last] === words[m - 1];
    // On equal cost, a window as long as the name wins: "Development Programme" is a changed word, not a dropped one.
    const better = !best || result.cost < best.cost || (result.cost === best.cost && Math.abs(n - m) < Math.abs(best.last - start + 1 - m));
    if (better) best = { last, cost: result.cost, hard: result.hard, firstOrLastMatches };
  }
  return best;
}

/** Word-level edit distance with soft matches, compound words and adjacent swaps. */
/** Soft keys and lower-case forms of the window's words (see `softKey`, `lower`). */
function align(name: Name, keys: readonly string[], lowered: readonly string[]): { cost: number; hard: number } | undefined {
  const { words, raw } = name;
  const m = words.length;
  const n = keys.length;
  const textPairs = keys.slice(1).map((k, j) => softKey(keys[j] + k));
  const cost: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const hard: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  cost[0][0] = 0;
  const relax = (i: number, j: number, c: number, h: number) => {
    if (c < cost[i][j] || (c === cost[i][j] && h < hard[i][j])) {
      cost[i][j] = c;
      hard[i][j] = h;
    }
  };
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      const c = cost[i][j];
      if (c === Infinity) continue;
      const h = hard[i][j];
      if (i < m && j < n) {
        const exact = raw[i] === lowered[j];
        const soft = exact || words[i] === keys[j];
        // "Second" for "Inaugural", "2021" for "2019": another meeting or edition, not a misspelt name.
        if (soft || !(isOrdinal(words[i]) && isOrdinal(keys[j]))) relax(i + 1, j + 1, c + (exact ? 0 : soft ? SOFT : 1), h + (soft ? 0 : 1));
      }
      if (i < m) relax(i + 1, j, c + 1, h + 1);
      if (j < n) relax(i, j + 1, c + 1, h + 1);
      // "Cyber Security" written for "Cybersecurity", and the other way round.
      if (i < m && j + 1 < n && textPairs[j] === words[i]) relax(i + 1, j + 2, c + SOFT, h);
      if (i + 1 < m && j < n && name.pairs[i] === keys[j]) relax(i + 2, j + 1, c + SOFT, h);
      if (i + 1 < m && j + 1 < n && words[i] === keys[j + 1] && words[i + 1] === keys[j]) relax(i + 2, j + 2, c + 1, h + 1);
    }
  }
  return cost[m][n] === Infinity ? undefined : { cost: cost[m][n], hard: hard[m][n] };
}

function acceptable(
  name: Name,
  match: WindowMatch,
  from: number,
  to: number,
  mentions: BlockContext['mentions'],
): boolean {
  if (match.cost === 0 || match.hard > 1 || !match.firstOrLastMatches) return false;
  if (match.hard === 1 && name.words.length < 4) return false;
  if (match.cost > 1.25) return false;
  // A phrase that is mostly a recognised term (of this entry or another) is that term, not a near miss.
  for (const m of mentions) {
    if (m.start >= to || m.end <= from) continue;
    if (m.entry === name.entry) return false;
    if (m.end - m.start >= 0.6 * (to - from)) return false;
    // A phrase that cuts a recognised term in two is not a name: fixing it would eat half the term.
    if (m.start < from || m.end > to) return false;
  }
  return true;
}
