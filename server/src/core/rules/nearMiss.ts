import type { Entry } from '../glossary/schema';
import type { GlossaryIndex } from '../glossary/glossaryIndex';
import { detached, escapeRegExp, FNV_SEED, fnvMix } from '../text';
import { isSentenceStart, softKey, STOPWORDS, tokenSpanRoom, tokenSpans, type TokenSpans } from './common';
import type { Block } from '../markdown/blocks';
import type { BlockContext, BlockRule, RawFinding } from './types';

/**
 * Flags a phrase that is close to an official multi-word name but is not it and is not a
 * listed variant: one word substituted, dropped, added or swapped (names of four words or
 * more), or only "soft" differences at any length: singular/plural, British/US spelling,
 * "Cyber Security" for "Cybersecurity". Candidates come from a word index of the names,
 * anchored on the rarer of each name's first two words; no phrase is compared with every name.
 */
export const nearMiss: BlockRule = {
  id: 'near-miss',
  scope: 'block',
  defaultSeverity: 'warning',
  description: 'A phrase close to an official multi-word name that is neither the name nor a listed variant.',
  checkBlock({ block, mentions, index, text }: BlockContext): RawFinding[] {
    const anchors = nameAnchors(index);
    const words = blockWords(block, anchors);
    const { n } = words;
    const { starts, ends } = words.spans;
    // Made on the first candidate: most blocks have none.
    let best: Map<number, { entry: Entry; end: number; cost: number }> | undefined;
    // Phrases with exactly a name's words (only punctuation differs): a window shifted by one
    // word over them ("ASEAN [Telecommunications … Meeting]") is not a near miss, and its fix would repeat a word.
    const exact: Array<{ start: number; end: number }> = [];
    // Made on first use: most blocks have no window to look up.
    let near: NearMentions | undefined;
    for (let i = 0; i < n; i++) {
      // Most words, even of the names ("of", "the"), anchor none: they need no look-up.
      const anchored = words.ids[i] < 0 ? undefined : anchors.lists[words.ids[i]];
      if (!anchored) continue;
      const { all, long } = anchored;
      // A short list costs less to check name by name at each occurrence; of a long one, only the
      // names not too far from the words around this occurrence, in their order (see `namesAround`).
      const count = long ? namesAround(anchors, long, words, i) : all.length;
      for (let c = 0; c < count; c++) {
        const { name, anchor } = all[long ? long.found[c] : c];
        // Every phrase the three windows can find has at least the name's capitals but one (see
        // `bestWindow`); most occurrences of a common word have fewer around them. Two reads.
        const from = Math.max(0, i - anchor - 1);
        const to = Math.min(n, i - anchor + name.words.length + 2);
        if (words.capitalsBefore[to] - words.capitalsBefore[from] < name.capitals - 1) continue;
        // Each window's cheap verdicts first: too few capitals, the name written exactly, or a
        // mention that rules out whatever the alignment finds. In a draft that writes its names
        // right, most occurrences leave no window open, and the words are never looked up.
        let open = 0;
        for (let w = 0; w < 3; w++) {
          const start = i - anchor - 1 + w;
          if (start < 0 || start > i) continue;
          const end = Math.min(n, start + name.words.length + 1);
          if (words.capitalsBefore[end] - words.capitalsBefore[start] < name.capitals - 1) continue;
          if (writtenExactly(name, words, start)) {
            // The name itself: no alignment needed, but a window shifted over it must still see it.
            exact.push({ start: starts[start], end: ends[start + name.raw.length - 1] });
            continue;
          }
          // Near a name the draft has written, most windows are of its neighbours in the list.
          if (coveredByMention(name, words, start, (near ??= nearMentions(mentions)))) continue;
          open |= 1 << w;
        }
        if (open === 0) continue;
        name.order ??= wordOrder(name, anchor, anchors.everywhere);
        // The three windows together first: a name too far from their union is too far from each.
        if (tooFar(name, words, from, to)) continue;
        for (let w = 0; w < 3; w++) {
          if ((open & (1 << w)) === 0) continue;
          const start = i - anchor - 1 + w;
          const end = Math.min(n, start + name.words.length + 1);
          if (tooFar(name, words, start, end)) continue;
          const match = bestWindow(name, words, start);
          if (!match) continue;
          const from = starts[start];
          const to = ends[match.last];
          if (match.cost === 0) exact.push({ start: from, end: to });
          if (!acceptable(name, match, from, to, (near ??= nearMentions(mentions)))) continue;
          // Right before "(ACR)" of the same entry, the phrase is an expansion: `wrong-expansion` reports it.
          // Only within the block: a block's findings may depend on nothing outside it (they are memoised per block).
          if (name.entry.acronym && new RegExp(`^\\s*\\(\\s*${escapeRegExp(name.entry.acronym)}\\s*\\)`).test(text.slice(to, Math.min(block.end, to + name.entry.acronym.length + 12)))) continue;
          const previous = (best ??= new Map()).get(from);
          if (!previous || match.cost < previous.cost) best.set(from, { entry: name.entry, end: to, cost: match.cost });
        }
      }
    }
    // A long block grew the reused arrays: the glossary keeps them, so give them back.
    if (words.spans.starts.length > WORDS_KEPT || words.spans.chars.units.length > CHARS_KEPT) anchors.words = emptyWords(anchors.pairKeys);
    // Most blocks have no candidate: no sort, no copies.
    return best === undefined ? [] : report(best, exact, block, text);
  },
};

/**
 * The findings of a block's candidates: the cheapest win; an overlapping costlier one ("the
 * U.S.-ASEAN Smart City …") is dropped, and so is one overlapping a name written exactly.
 * Overlaps are found by binary search: a 10 MB draft on one line is one block, where comparing
 * each candidate with every chosen span and every name written exactly took ~40 % of its check.
 */
function report(best: Map<number, { entry: Entry; end: number; cost: number }>, exact: ReadonlyArray<{ start: number; end: number }>, block: Block, text: string): RawFinding[] {
  const names = spanIndex(exact);
  // What is chosen is disjoint and kept by start, so ends rise too: of those starting before a
  // span's end, the last reaches furthest.
  const chosen: Array<{ start: number; end: number; entry: Entry }> = [];
  for (const [start, c] of [...best].sort((a, b) => a[1].cost - b[1].cost || a[0] - b[0])) {
    const before = lastStartingBefore(chosen, c.end);
    if (before >= 0 && chosen[before].end > start) continue;
    if (overlapsAny(names, start, c.end)) continue;
    chosen.splice(before + 1, 0, { start, end: c.end, entry: c.entry });
  }
  const findings: RawFinding[] = [];
  for (const { start, end, entry } of chosen) {
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
}

/** Spans by start, with the furthest end of each prefix of them (`reach`), for `overlapsAny`. */
export interface SpanIndex {
  readonly spans: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly reach: readonly number[];
}

export function spanIndex(spans: ReadonlyArray<{ readonly start: number; readonly end: number }>): SpanIndex {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (let k = 0; k < sorted.length; k++) reach.push(Math.max(sorted[k].end, k > 0 ? reach[k - 1] : -Infinity));
  return { spans: sorted, reach };
}

/** Whether [start, end) overlaps one of the spans: the furthest end of those starting before `end` is past `start`. */
export function overlapsAny({ spans, reach }: SpanIndex, start: number, end: number): boolean {
  const last = lastStartingBefore(spans, end);
  return last >= 0 && reach[last] > start;
}

/** The index of the last span in `spans` (sorted by start) that starts before `offset`; -1 for none. */
function lastStartingBefore(spans: ReadonlyArray<{ readonly start: number }>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

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
  /** `isOrdinal` of each word. */
  readonly ordinal: readonly boolean[];
  /** The number of each word and each pair in `Anchors.vocabulary`, and their `leadOf`, for `present`. */
  readonly wordIds: Int32Array;
  readonly pairIds: Int32Array;
  readonly wordLeads: Int32Array;
  readonly pairLeads: Int32Array;
  /**
   * The order in which `tooFar` looks for the words: those most likely missing first (words few
   * names share, then stop words, the anchor last), so a far name is rejected after few look-ups.
   * Worked out on the name's first candidate window (`wordOrder`): a draft meets few of a large glossary's names.
   */
  order: Int32Array | undefined;
}

interface Anchors {
  /** By the vocabulary number of a word, the names filed under it (see `nameAnchors`); undefined for a word that anchors none. */
  readonly lists: ReadonlyArray<AnchorList | undefined>;
  /** A number for each word and pair of the names: a block's keys are looked up once, then compared as numbers. */
  readonly vocabulary: Map<string, number>;
  /** How many names have each word, for `wordOrder`. */
  readonly everywhere: ReadonlyMap<string, number>;
  /** One mark per vocabulary number, for `namesAround`. */
  readonly around: Marks;
  /**
   * What `blockWords` needs of each word as written, found by its characters in the block: no
   * string is cut for a word seen before, and one look-up replaces two (its soft key's, then the
   * key's number). Cleared when it holds `WORD_CACHE_LIMIT` words.
   */
  readonly written: WrittenWords;
  /**
   * `pairAt`'s soft keys of two words written as one, by the two words' serials (see
   * `pairSerial`): a number, where the joined text would be a new string to hash. Cleared with
   * `written`, and when it holds `PAIR_CACHE_LIMIT` pairs.
   */
  readonly pairKeys: Map<number, string>;
  /** `blockWords`' arrays, reused from block to block (new ones after a block longer than `WORDS_KEPT` words or `CHARS_KEPT` characters). */
  words: Words;
}

interface WrittenWord {
  /** The word as written (a copy: a slice of a block would keep its draft alive). */
  readonly text: string;
  readonly key: string;
  /** The key's number in `Anchors.vocabulary`, -1 if no name has it. */
  readonly id: number;
  /** `leadOf` the key. */
  readonly lead: number;
  /** `startsCapital` of the word. */
  readonly capital: number;
  /** Its order in `Anchors.written`, below `WORD_CACHE_LIMIT`; -1 for a word the full table did not take. */
  readonly serial: number;
  /** The FNV-1a hash of the text, for filing it again when the table grows. */
  readonly hash: number;
  /** `lower` of the text and `isOrdinal` of the key, filled in on first use (most words are never aligned with a name). */
  low: string | undefined;
  ordinal: boolean | undefined;
}

/**
 * Open addressing on the FNV-1a hash of a word's characters: slot `s` holds the hash at `hashes[s]`
 * and the word's place in `list`, plus one, at `slots[s]` (0: empty). At most half full: it
 * doubles as words come, from 16 KB (a glossary's index keeps one, in the server's memory for as
 * long as the glossary is loaded: at its full 512 KB only for a draft of 16,000 distinct words).
 *
 * What `blockWords` reads of each word it finds again is also kept by place, side by side with
 * `list` (its characters one after another in `chars`): the loop compares and copies typed
 * arrays instead of loading each word's object and its text (1–3 % of a pass over the 10 MB
 * benchmark corpus, in process).
 */
interface WrittenWords {
  hashes: Int32Array;
  slots: Int32Array;
  mask: number;
  readonly list: WrittenWord[];
  /** By place in `list`: the key, its number and lead, the capital flag, and where the characters are. */
  keys: string[];
  ids: Int32Array;
  leads: Int32Array;
  capitals: Uint8Array;
  textStarts: Int32Array;
  textLengths: Int32Array;
  chars: Uint16Array;
  /** How much of `chars` holds words. */
  charsUsed: number;
}

const FIRST_WORD_SLOTS = 2048;

function writtenWords(): WrittenWords {
  const places = FIRST_WORD_SLOTS / 2;
  return {
    hashes: new Int32Array(FIRST_WORD_SLOTS),
    slots: new Int32Array(FIRST_WORD_SLOTS),
    mask: FIRST_WORD_SLOTS - 1,
    list: [],
    keys: [],
    ids: new Int32Array(places),
    leads: new Int32Array(places),
    capitals: new Uint8Array(places),
    textStarts: new Int32Array(places),
    textLengths: new Int32Array(places),
    chars: new Uint16Array(8 * places),
    charsUsed: 0,
  };
}

/** Room for `places` words and `chars` more characters, keeping what is there. */
function roomForWords(written: WrittenWords, places: number, chars: number): void {
  if (places > written.ids.length) {
    let size = written.ids.length;
    while (size < places) size *= 2;
    const grown = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T) => {
      const array = make(size);
      array.set(old);
      return array;
    };
    written.ids = grown(written.ids, (n) => new Int32Array(n));
    written.leads = grown(written.leads, (n) => new Int32Array(n));
    written.capitals = grown(written.capitals, (n) => new Uint8Array(n));
    written.textStarts = grown(written.textStarts, (n) => new Int32Array(n));
    written.textLengths = grown(written.textLengths, (n) => new Int32Array(n));
  }
  if (written.charsUsed + chars > written.chars.length) {
    let size = written.chars.length;
    while (size < written.charsUsed + chars) size *= 2;
    const grown = new Uint16Array(size);
    grown.set(written.chars.subarray(0, written.charsUsed));
    written.chars = grown;
  }
}

/** Doubles the table and files its words again. */
function growWritten(written: WrittenWords): void {
  const size = 2 * written.slots.length;
  const mask = size - 1;
  const hashes = new Int32Array(size);
  const slots = new Int32Array(size);
  for (let at = 0; at < written.list.length; at++) {
    const hash = written.list[at].hash;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    hashes[slot] = hash;
    slots[slot] = at + 1;
  }
  written.hashes = hashes;
  written.slots = slots;
  written.mask = mask;
}

/** 2^15: two serials make one small integer (below 2^30), a fast Map key. */
const WORD_CACHE_LIMIT = 32_768;
const PAIR_CACHE_LIMIT = 65_536;

function pairSerial(first: number, second: number): number {
  return first * WORD_CACHE_LIMIT + second;
}

/** The names filed under one word, each with the place of that word in it. */
interface AnchorList {
  readonly all: ReadonlyArray<{ name: Name; anchor: number }>;
  /** For a list of `LONG_LIST` names or more. */
  readonly long: LongList | undefined;
}

/**
 * For a long list: for each key that can cover one of a name's rarest words other than the
 * anchor (the word, or the word written as one with a neighbour), by its vocabulary number, the
 * names' positions in the list, each with the bit of the word it covers. Three words are chosen
 * (two for a three-word name): a name `farFromMarked` keeps has at least two of them covered near
 * the occurrence, so it is found from the words there without reading the whole list. With room
 * to count each name's covered words per call.
 */
interface LongList {
  readonly cover: Map<number, number[]>;
  readonly covered: Marks;
  /** Per name: the bits of its chosen words covered, valid where `covered` is marked. */
  readonly bits: Uint8Array;
  /**
   * The names' words for `farFromMarked`, side by side: name `p` is `words[from[p]..from[p + 1])`,
   * each word's number followed by its pair's with the next word (the last word's repeated). Read
   * through each name's own arrays, a candidate cost a few cache misses: most of a call's time.
   */
  readonly words: Int32Array;
  readonly from: Int32Array;
  /** Room for a call's candidates. */
  readonly found: Int32Array;
  /** The most words of a name in the list. */
  readonly longest: number;
  /** Room for the vocabulary numbers around an occurrence (`namesAround`). */
  readonly keys: Int32Array;
}

/**
 * Reusable marks: a slot is marked when it holds the current stamp, so starting afresh is one
 * increment, not a clear. Large glossaries touch thousands of slots per block, where a Set or a
 * Map per block cost more than the rest of the work.
 */
interface Marks {
  readonly stamps: Uint32Array;
  stamp: number;
}

function marks(size: number): Marks {
  return { stamps: new Uint32Array(size), stamp: 0 };
}

/** Starts afresh: no slot is marked with the stamp returned. */
function nextStamp(m: Marks): number {
  // A wrapped stamp would meet old ones: start over with cleared stamps.
  if (m.stamp === 0xffffffff) {
    m.stamps.fill(0);
    m.stamp = 0;
  }
  return ++m.stamp;
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
  const vocabulary = new Map<string, number>();
  const ids = (list: readonly string[]) =>
    Int32Array.from(list, (w) => {
      if (!vocabulary.has(w)) vocabulary.set(w, vocabulary.size);
      return vocabulary.get(w)!;
    });
  const leads = (list: readonly string[]) => Int32Array.from(list, leadOf);
  for (const entry of index.entries.values()) {
    if (entry.kind === 'resolution') continue;
    const split = splitWords(entry.name);
    const raw = split.map(lower);
    const capitals = split.filter(startsCapital).length;
    const words = raw.map(softKey);
    if (words.length < 3) continue;
    const pairs = words.slice(1).map((w, i) => softKey(words[i] + w));
    names.push({ entry, words, raw, capitals, contentWords: words.filter((w) => !STOPWORDS.has(w)).length, pairs, ordinal: words.map(isOrdinal),
      wordIds: ids(words), pairIds: ids(pairs), wordLeads: leads(words), pairLeads: leads(pairs), order: undefined });
    for (const w of new Set(words.slice(0, 2))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  }
  const byWord = new Map<string, Array<{ name: Name; anchor: number }>>();
  for (const name of names) {
    const anchor = (frequency.get(name.words[1]) ?? 0) < (frequency.get(name.words[0]) ?? 0) ? 1 : 0;
    const list = byWord.get(name.words[anchor]) ?? [];
    list.push({ name, anchor });
    byWord.set(name.words[anchor], list);
  }
  const lists = new Array<AnchorList | undefined>(vocabulary.size).fill(undefined);
  const everywhere = new Map<string, number>();
  for (const name of names) for (const w of name.words) everywhere.set(w, (everywhere.get(w) ?? 0) + 1);
  for (const [word, list] of byWord) {
    if (list.length < LONG_LIST) {
      lists[vocabulary.get(word)!] = { all: list, long: undefined };
      continue;
    }
    const cover = new Map<number, number[]>();
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
          const id = vocabulary.get(key)!;
          const at = cover.get(id);
          if (at) at.push(position * 4 + slot);
          else cover.set(id, [position * 4 + slot]);
        }
      });
    });
    const from = new Int32Array(list.length + 1);
    list.forEach(({ name }, position) => (from[position + 1] = from[position] + 2 * name.words.length));
    const words = new Int32Array(from[list.length]);
    list.forEach(({ name }, position) => {
      for (let i = 0; i < name.words.length; i++) {
        words[from[position] + 2 * i] = name.wordIds[i];
        words[from[position] + 2 * i + 1] = i + 1 < name.words.length ? name.pairIds[i] : name.wordIds[i];
      }
    });
    const longest = list.reduce((most, { name }) => Math.max(most, name.words.length), 0);
    const long = { cover, covered: marks(list.length), bits: new Uint8Array(list.length), words, from, found: new Int32Array(list.length), longest, keys: new Int32Array(2 * (longest + 4)) };
    lists[vocabulary.get(word)!] = { all: list, long };
  }
  const pairKeys = new Map<number, string>();
  anchors = { lists, vocabulary, everywhere, around: marks(vocabulary.size),
    written: writtenWords(), pairKeys, words: emptyWords(pairKeys) };
  anchorCache.set(index, anchors);
  return anchors;
}

/**
 * The names of a long list anchored at token `i` that `farFromMarked` keeps for the words around
 * it, in their order: their positions in `list.found`, and how many. The words (and adjacent
 * pairs) are those of every window `tooFar` reads for a name of at most `longest` words anchored
 * there, from two tokens before it to `longest + 2` after, each marked once in `anchors.around`;
 * a name with two chosen words covered among them is a candidate. Taken around each occurrence,
 * not over the whole block: a paragraph's words keep ~5× the names its windows do.
 */
function namesAround(anchors: Anchors, list: LongList, block: Words, i: number): number {
  const stamp = nextStamp(anchors.around);
  const marked = anchors.around.stamps;
  const from = Math.max(0, i - 2);
  const to = Math.min(block.n, i + list.longest + 2);
  const keys = list.keys;
  let n = 0;
  for (let j = from; j < to; j++) {
    const id = block.ids[j];
    if (id >= 0 && marked[id] !== stamp) {
      marked[id] = stamp;
      keys[n++] = id;
    }
    if (j + 1 < to) {
      const pair = pairIdAt(anchors.vocabulary, block, j);
      if (pair >= 0 && marked[pair] !== stamp) {
        marked[pair] = stamp;
        keys[n++] = pair;
      }
    }
  }
  // Bits of the chosen words each name has covered; a name with two is a candidate, and kept
  // unless `farFromMarked` rejects it (the words around are all marked already).
  const { cover, covered, bits, words, from: starts, found } = list;
  const seen = nextStamp(covered);
  const stamps = covered.stamps;
  let count = 0;
  for (let k = 0; k < n; k++) {
    const hits = cover.get(keys[k]);
    if (!hits) continue;
    for (let h = 0; h < hits.length; h++) {
      const hit = hits[h];
      const position = hit >> 2;
      const before = stamps[position] === seen ? bits[position] : 0;
      const after = before | (1 << (hit & 3));
      if (after === before) continue;
      stamps[position] = seen;
      bits[position] = after;
      if (before !== 0 && (before & (before - 1)) === 0 && !farFromMarked(words, starts[position], starts[position + 1], marked, stamp)) found[count++] = position;
    }
  }
  sortPositions(found, count);
  return count;
}

/** Sorts `positions[0..count)`: by insertion for the few a window usually keeps (a typed array's sort costs more for them). */
function sortPositions(positions: Int32Array, count: number): void {
  if (count > 32) {
    positions.subarray(0, count).sort();
    return;
  }
  for (let k = 1; k < count; k++) {
    const p = positions[k];
    let j = k - 1;
    for (; j >= 0 && positions[j] > p; j--) positions[j + 1] = positions[j];
    positions[j + 1] = p;
  }
}

const ORDINALS = new Set(['inaugural', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'last', 'next', 'annual']);

/** A word that tells one edition of a thing from another: an ordinal or a number. */
function isOrdinal(word: string): boolean {
  return ORDINALS.has(word) || /^\d+(st|nd|rd|th)?$/.test(word);
}

/** Starts with A-Z, 0-9 or U+00C0-U+00DE (a char-code test: it runs for every token of every block). */
function startsCapital(word: string): boolean {
  const c = word.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0xde);
}

function lower(word: string): string {
  const w = word.toLowerCase();
  return w.includes("'") || w.includes('\u2019') ? w.replace(/['\u2019]/g, '') : w;
}

/**
 * A block's words with what the matching reads of them again and again: where they are, their
 * soft keys (and the keys' numbers in the names' vocabulary), capital flags, and, on first use,
 * the soft key of each two adjacent words written as one (most words are never aligned with a
 * name). One per glossary, refilled for each block: the arrays are longer than the block's `n` words.
 */
interface Words {
  n: number;
  readonly spans: TokenSpans;
  keys: string[];
  written: WrittenWord[];
  capital: Uint8Array;
  /** How many of the first j words start with a capital, at j (n + 1 entries): a window's count in two reads. */
  capitalsBefore: Int32Array;
  /** Each key's number in the names' vocabulary (-1: no name has it), and its `leadOf`. */
  ids: Int32Array;
  leads: Int32Array;
  /** Each word's `WrittenWord.serial`, and the glossary's `Anchors.pairKeys`, for `pairAt`. */
  serials: Int32Array;
  readonly pairKeys: Map<number, string>;
  /** `pairAt`'s keys, valid where `pairStamps` holds the block's `stamp`. */
  pairs: string[];
  pairStamps: Uint32Array;
  /** `pairIdAt`'s numbers, valid where `pairIdStamps` holds the block's `stamp`. */
  pairIds: Int32Array;
  pairIdStamps: Uint32Array;
  stamp: number;
}

/** The most words the reused arrays keep room for between blocks (~0.4 MB). */
const WORDS_KEPT = 8192;

/** The most characters of prose the reused arrays keep room for between blocks (128 KB). */
const CHARS_KEPT = 65_536;

function emptyWords(pairKeys: Map<number, string>): Words {
  const spans = tokenSpanRoom();
  const size = spans.starts.length;
  return {
    n: 0,
    spans,
    keys: [],
    written: [],
    capital: new Uint8Array(size),
    capitalsBefore: new Int32Array(size + 1),
    ids: new Int32Array(size),
    leads: new Int32Array(size),
    serials: new Int32Array(size),
    pairKeys,
    // Filled, not holey: `pairAt` writes at any index.
    pairs: new Array<string>(size).fill(''),
    pairStamps: new Uint32Array(size),
    pairIds: new Int32Array(size),
    pairIdStamps: new Uint32Array(size),
    stamp: 0,
  };
}

function blockWords(block: Block, anchors: Anchors): Words {
  const { vocabulary, written, pairKeys, words } = anchors;
  const n = tokenSpans(block, words.spans);
  const { starts, ends } = words.spans;
  if (words.capital.length < starts.length) {
    // The spans grew for a long block: so do the rest.
    const size = starts.length;
    words.capital = new Uint8Array(size);
    words.capitalsBefore = new Int32Array(size + 1);
    words.ids = new Int32Array(size);
    words.leads = new Int32Array(size);
    words.serials = new Int32Array(size);
    words.pairs = new Array<string>(size).fill('');
    words.pairStamps = new Uint32Array(size);
    words.pairIds = new Int32Array(size);
    words.pairIdStamps = new Uint32Array(size);
    words.stamp = 0;
  }
  words.n = n;
  // A new stamp: no pair of an earlier block is valid. A wrapped stamp would meet old ones: clear them.
  if (words.stamp === 0xffffffff) {
    words.pairStamps.fill(0);
    words.pairIdStamps.fill(0);
    words.stamp = 0;
  }
  words.stamp++;
  const { keys, capital, capitalsBefore, ids, leads, serials } = words;
  const list = written.list;
  // A full table starts afresh between blocks, never within one: serials of one block are of one table.
  if (list.length >= WORD_CACHE_LIMIT) {
    const fresh = writtenWords();
    written.hashes = fresh.hashes;
    written.slots = fresh.slots;
    written.mask = fresh.mask;
    list.length = 0;
    written.keys.length = 0;
    written.charsUsed = 0;
    pairKeys.clear();
  } else if (pairKeys.size >= PAIR_CACHE_LIMIT) pairKeys.clear();
  // Room for every word of the block, the table at most half full, before the look-ups: nothing
  // the loop reads moves in it (the block's new words have at most its prose's characters).
  const places = Math.min(WORD_CACHE_LIMIT, list.length + n);
  while (2 * places > written.slots.length) growWritten(written);
  const prose = block.prose;
  // The block's prose as `tokenSpans` copied it: the loop reads its characters from there.
  const units = words.spans.chars.units;
  roomForWords(written, places, prose.length);
  const { hashes, slots, mask, chars, textStarts, textLengths } = written;
  for (let j = 0; j < n; j++) {
    const from = starts[j] - block.start;
    const to = ends[j] - block.start;
    let hash = FNV_SEED;
    for (let p = from; p < to; p++) hash = fnvMix(hash, units[p]);
    let slot = hash & mask;
    let place = -1;
    for (; slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (hashes[slot] !== hash) continue;
      const held = slots[slot] - 1;
      if (textLengths[held] === to - from && samePooled(chars, textStarts[held], units, from, to)) {
        place = held;
        break;
      }
    }
    if (place < 0) {
      const text = detached(prose.slice(from, to));
      const key = softKey(text);
      const cached = list.length < WORD_CACHE_LIMIT;
      const word: WrittenWord = { text, key, id: vocabulary.get(key) ?? -1, lead: leadOf(key), capital: startsCapital(text) ? 1 : 0, serial: cached ? list.length : -1, hash, low: undefined, ordinal: undefined };
      if (!cached) {
        // The table filled up within this block: the rest of its new words go uncached, and so do their pairs.
        words.written[j] = word;
        keys[j] = word.key;
        ids[j] = word.id;
        leads[j] = word.lead;
        serials[j] = -1;
        capital[j] = word.capital;
        capitalsBefore[j + 1] = capitalsBefore[j] + word.capital;
        continue;
      }
      place = list.length;
      list.push(word);
      written.keys.push(key);
      written.ids[place] = word.id;
      written.leads[place] = word.lead;
      written.capitals[place] = word.capital;
      textStarts[place] = written.charsUsed;
      textLengths[place] = to - from;
      for (let p = from; p < to; p++) chars[written.charsUsed++] = units[p];
      hashes[slot] = hash;
      slots[slot] = place + 1;
    }
    words.written[j] = list[place];
    keys[j] = written.keys[place];
    ids[j] = written.ids[place];
    leads[j] = written.leads[place];
    serials[j] = place;
    capital[j] = written.capitals[place];
    capitalsBefore[j + 1] = capitalsBefore[j] + written.capitals[place];
  }
  return words;
}

/** Whether text[from, to) is the `to - from` characters at `at` in `chars`. */
function samePooled(chars: Uint16Array, at: number, text: Uint16Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (chars[at++] !== text[p]) return false;
  return true;
}

function lowAt(block: Words, j: number): string {
  const word = block.written[j];
  return (word.low ??= lower(word.text));
}

function ordinalAt(block: Words, j: number): boolean {
  const word = block.written[j];
  return (word.ordinal ??= isOrdinal(word.key));
}

/** softKey of words j and j + 1 written as one ("Cyber Security" -> "cybersecurity"); j + 1 is a word of the block. */
function pairAt(words: Words, j: number): string {
  if (words.pairStamps[j] === words.stamp) return words.pairs[j];
  const { serials, pairKeys } = words;
  let pair: string | undefined;
  if (serials[j] < 0 || serials[j + 1] < 0) pair = softKey(words.keys[j] + words.keys[j + 1]);
  else {
    const serial = pairSerial(serials[j], serials[j + 1]);
    pair = pairKeys.get(serial);
    if (pair === undefined) pairKeys.set(serial, (pair = softKey(words.keys[j] + words.keys[j + 1])));
  }
  words.pairs[j] = pair;
  words.pairStamps[j] = words.stamp;
  return pair;
}

/** The vocabulary number of `pairAt(words, j)`, -1 if no name has it; a window overlapping the last reads it again. */
function pairIdAt(vocabulary: ReadonlyMap<string, number>, words: Words, j: number): number {
  if (words.pairIdStamps[j] === words.stamp) return words.pairIds[j];
  const id = vocabulary.get(pairAt(words, j)) ?? -1;
  words.pairIds[j] = id;
  words.pairIdStamps[j] = words.stamp;
  return id;
}

function splitWords(text: string): string[] {
  return text.split(/[\s\-\u2010-\u2014]+/).map((w) => w.replace(/\.$/, (m) => (w.indexOf('.') === w.length - 1 ? '' : m))).filter(Boolean);
}

/** `Name.order`: stop words after the others, the anchor last, and otherwise the words fewest names have first. */
function wordOrder(name: Name, anchor: number, everywhere: ReadonlyMap<string, number>): Int32Array {
  const rank = name.words.map((w, i) => (i === anchor ? 2 : STOPWORDS.has(w) ? 1 : 0) * 0x100000 + Math.min(0xfffff, everywhere.get(w) ?? 0));
  return Int32Array.from(name.words.keys()).sort((a, b) => rank[a] - rank[b] || a - b);
}

/**
 * A cheap, exact pre-check: true when every window from `start` within [start, end) needs at
 * least two hard edits (or one, for a name under four words), which `acceptable` rejects whatever
 * the alignment. A name word that appears nowhere in [start, end), neither softly nor as part of
 * a compound, can only be substituted or dropped, each a hard edit; shorter windows have fewer
 * words still. A range holding several windows' ranges rejects a name for all of them at once.
 * The profile showed the alignment of every anchored name at every occurrence of a common word
 * ("ASEAN") as the CLI's main cost; this skips almost all of them.
 */
function tooFar(name: Name, block: Words, start: number, end: number): boolean {
  const words = name.words;
  const order = name.order!;
  let missing = 0;
  // How many are missing does not depend on the order; the most likely missing first end it sooner.
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (present(words[i], name.wordIds[i], name.wordLeads[i], block, start, end)) continue;
    if (i + 1 < words.length && present(name.pairs[i], name.pairIds[i], name.pairLeads[i], block, start, end)) continue;
    if (i > 0 && present(name.pairs[i - 1], name.pairIds[i - 1], name.pairLeads[i - 1], block, start, end)) continue;
    if (++missing > 1 || words.length < 4) return true;
  }
  return false;
}

/**
 * `tooFar` for many windows at once, on a name's words as laid out in `LongList.words`: with the
 * words around an occurrence marked (`namesAround`), a word missing from all of them is missing
 * from each window, so a name this rejects is rejected by `tooFar` at every start there.
 */
function farFromMarked(words: Int32Array, from: number, to: number, marks: Uint32Array, stamp: number): boolean {
  // A word is present itself, or written as one with the next word or with the previous one.
  const n = (to - from) >> 1;
  let missing = 0;
  for (let at = from; at < to; at += 2) {
    if (marks[words[at]] === stamp || marks[words[at + 1]] === stamp) continue;
    if (at > from && marks[words[at - 1]] === stamp) continue;
    if (++missing > 1 || n < 4) return true;
  }
  return false;
}

/** Whether `word` is one of keys[start..end), or two adjacent ones written as one. */
function present(word: string, id: number, lead: number, block: Words, start: number, end: number): boolean {
  // Numbers first (the same number is the same key). A key can start `word` only with the same
  // lead (see `leadOf`), or, a key of one character, with the same first one: most keys are
  // ruled out without a string comparison.
  const { keys, ids, leads } = block;
  const single = lead | 0xffff;
  for (let j = start; j < end; j++) {
    if (ids[j] === id) return true;
    if (j + 1 < end && (leads[j] === lead || leads[j] === single) && word.startsWith(keys[j]) && pairAt(block, j) === word) return true;
  }
  return false;
}

/**
 * A key's first two char codes in one number, 0xffff for the second of a one-character key
 * (keys are never empty): a key that starts another has its lead, or is one character long.
 */
function leadOf(key: string): number {
  return (key.charCodeAt(0) << 16) | (key.length > 1 ? key.charCodeAt(1) : 0xffff);
}

/** The name written exactly from `start`: the alignment costs nothing, and a name is not its own near miss. */
function writtenExactly(name: Name, block: Words, start: number): boolean {
  const m = name.raw.length;
  const { capital, n, ids } = block;
  if (start + m > n) return false;
  // A word written as the name writes it has the name word's soft key, and so its number
  // (`softKey` reads a word only in `lower` case): numbers rule out most windows without a string.
  for (let i = 0; i < m; i++) if (ids[start + i] !== name.wordIds[i]) return false;
  for (let i = 0; i < m; i++) if (lowAt(block, start + i) !== name.raw[i]) return false;
  // Only where `bestWindow` would consider that window (it skips lower-case ones).
  let capitals = 0;
  for (let i = 0; i < m; i++) capitals += capital[start + i];
  if (capitals < name.capitals - 1) return false;
  for (let k = start; k < start + m - 1; k++) if (block.spans.breaks[k] === 1) return false;
  return true;
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
 * swap of adjacent words costs one. Phrases stop at punctuation. The windows tried are m - 1,
 * m and m + 1 tokens long (m: the name's words); one alignment with the longest serves all
 * three, since an alignment of a window's prefix reads no token past that prefix.
 */
function bestWindow(name: Name, block: Words, start: number): WindowMatch | undefined {
  const { keys, capital } = block;
  const breaks = block.spans.breaks;
  const words = name.words;
  const m = words.length;
  const shortest = Math.max(1, m - 1);
  // The last token a window may reach: the block's end, the first break, m + 1 tokens.
  let limit = Math.min(block.n - 1, start + m);
  for (let k = start; k < limit; k++) {
    if (breaks[k] === 1) {
      limit = k;
      break;
    }
  }
  const longest = limit - start + 1;
  if (longest < shortest) return undefined;
  // A near miss of a proper name is written like one: "ASEAN cyber capacity development is" is prose.
  let capitals = 0;
  for (let k = start; k < start + shortest - 1; k++) capitals += capital[k];
  let best: WindowMatch | undefined;
  let aligned = false;
  for (let n = shortest; n <= longest; n++) {
    const last = start + n - 1;
    capitals += capital[last];
    if (capitals < name.capitals - 1) continue;
    if (!aligned) {
      align(name, block, start, longest);
      aligned = true;
    }
    const at = m * (longest + 1) + n;
    const cost = COST[at];
    if (cost === Infinity) continue;
    const firstOrLastMatches = keys[start] === words[0] || keys[last] === words[m - 1];
    // On equal cost, a window as long as the name wins: "Development Programme" is a changed word, not a dropped one.
    const better = !best || cost < best.cost || (cost === best.cost && Math.abs(n - m) < Math.abs(best.last - start + 1 - m));
    if (better) best = { last, cost, hard: HARD[at], firstOrLastMatches };
  }
  return best;
}

/** The alignment tables, row-major (m + 1) x (n + 1), reused from call to call. */
let COST = new Float64Array(256);
let HARD = new Int32Array(256);

function relax(at: number, c: number, h: number): void {
  if (c < COST[at] || (c === COST[at] && h < HARD[at])) {
    COST[at] = c;
    HARD[at] = h;
  }
}

/**
 * Word-level edit distance with soft matches, compound words and adjacent swaps, of the name
 * with the n tokens from `start`: fills COST and HARD, where cell (i, j) holds the cheapest
 * alignment of the name's first i words with the first j tokens (least hard edits on a tie).
 */
function align(name: Name, block: Words, start: number, n: number): void {
  const { words, raw } = name;
  const keys = block.keys;
  const m = words.length;
  const width = n + 1;
  const size = (m + 1) * width;
  if (COST.length < size) {
    COST = new Float64Array(size * 2);
    HARD = new Int32Array(size * 2);
  }
  COST.fill(Infinity, 0, size);
  HARD.fill(0, 0, size);
  COST[0] = 0;
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      const at = i * width + j;
      const c = COST[at];
      if (c === Infinity) continue;
      const h = HARD[at];
      const k = start + j;
      if (i < m && j < n) {
        const exact = raw[i] === lowAt(block, k);
        const soft = exact || words[i] === keys[k];
        // "Second" for "Inaugural", "2021" for "2019": another meeting or edition, not a misspelt name.
        if (soft || !(name.ordinal[i] && ordinalAt(block, k))) relax(at + width + 1, c + (exact ? 0 : soft ? SOFT : 1), h + (soft ? 0 : 1));
      }
      if (i < m) relax(at + width, c + 1, h + 1);
      if (j < n) relax(at + 1, c + 1, h + 1);
      // "Cyber Security" written for "Cybersecurity", and the other way round.
      if (i < m && j + 1 < n && pairAt(block, k) === words[i]) relax(at + width + 2, c + SOFT, h);
      if (i + 1 < m && j < n && name.pairs[i] === keys[k]) relax(at + 2 * width + 1, c + SOFT, h);
      if (i + 1 < m && j + 1 < n && words[i] === keys[k + 1] && words[i + 1] === keys[k]) relax(at + 2 * width + 2, c + 1, h + 1);
    }
  }
}

/**
 * Whether `acceptable` rejects every phrase `bestWindow` can find from `start`, known before the
 * alignment: a mention that overlaps the shortest phrase and is of the name's entry, starts
 * before the phrase (cuts it), or is long enough even for the longest phrase. With a large
 * glossary most windows at a recognised name are other names one word away from it.
 */
function coveredByMention(name: Name, block: Words, start: number, near: NearMentions): boolean {
  const { starts, ends } = block.spans;
  const m = name.words.length;
  const shortestLast = start + Math.max(1, m - 1) - 1;
  if (shortestLast >= block.n) return false;
  const from = starts[start];
  const shortestTo = ends[shortestLast];
  const longestTo = ends[Math.min(block.n - 1, start + m)];
  const { mentions } = near;
  for (let k = firstNear(near, from); k < mentions.length && mentions[k].start < shortestTo; k++) {
    const x = mentions[k];
    if (x.end <= from) continue;
    // A citation may have no entry: tested apart, the comparison stays one of objects (an
    // undefined there once threw away the compiled code of near-miss's whole block check).
    if ((x.entry !== undefined && x.entry === name.entry) || x.start < from || x.end - x.start >= 0.6 * (longestTo - from)) return true;
  }
  return false;
}

function acceptable(
  name: Name,
  match: WindowMatch,
  from: number,
  to: number,
  near: NearMentions,
): boolean {
  if (match.cost === 0 || match.hard > 1 || !match.firstOrLastMatches) return false;
  if (match.hard === 1 && name.words.length < 4) return false;
  if (match.cost > 1.25) return false;
  // A phrase that is mostly a recognised term (of this entry or another) is that term, not a near miss.
  const { mentions } = near;
  for (let k = firstNear(near, from); k < mentions.length && mentions[k].start < to; k++) {
    const m = mentions[k];
    if (m.end <= from) continue;
    if (m.entry === name.entry) return false;
    if (m.end - m.start >= 0.6 * (to - from)) return false;
    // A phrase that cuts a recognised term in two is not a name: fixing it would eat half the term.
    if (m.start < from || m.end > to) return false;
  }
  return true;
}

/**
 * A block's mentions (in text order, by start) with the length of the longest: a window's
 * look-up starts from the first mention that can reach into it (`firstNear`) and stops at the
 * first that starts past it. Reading every mention for every window was quadratic in a block
 * of tens of thousands of mentions (a 4 MB draft on one line: ~80 % of its check).
 */
export interface NearMentions {
  readonly mentions: BlockContext['mentions'];
  readonly longest: number;
}

export function nearMentions(mentions: BlockContext['mentions']): NearMentions {
  let longest = 0;
  for (let k = 0; k < mentions.length; k++) longest = Math.max(longest, mentions[k].end - mentions[k].start);
  return { mentions, longest };
}

/** The first mention that can end after `from`: none before it starts later than `from - longest`. */
export function firstNear({ mentions, longest }: NearMentions, from: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start + longest <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
