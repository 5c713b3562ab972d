import type { Mention } from '../analysis';
import type { Block } from '../markdown/blocks';
import { MASK } from '../markdown/blocks';
import { SPELLING_FAMILIES } from './spellingData';
import { codeUnits, memoised, unitRoom, type UnitRoom } from '../text';

/** Characters that may stand between a sentence start and its first word. */
const OPENERS = new Set(['"', "'", '(', '[', ' ', '\t', '\n', '\r', MASK, '*', '_', '~', '|', '>', '-']);

/**
 * Whether `offset` starts a sentence within its block: only white space, opening quotes,
 * brackets or markup stand between it and the block's start or a full stop, question mark,
 * exclamation mark or colon.
 */
export function isSentenceStart(block: Block, offset: number): boolean {
  const prose = block.prose;
  let i = offset - block.start - 1;
  while (i >= 0 && OPENERS.has(prose[i])) {
    if (prose[i] === '\n' && i > 0 && prose[i - 1] === '\n') return true;
    i--;
  }
  if (i < 0) return true;
  return prose[i] === '.' || prose[i] === '!' || prose[i] === '?' || prose[i] === ':' || prose[i] === '|';
}

/** Gives `replacement` the case pattern of `written`: ALL CAPS stays all caps, an initial capital stays. */
export function matchCase(written: string, replacement: string): string {
  if (/[A-Z]/.test(written) && written === written.toUpperCase() && written.length > 1) return replacement.toUpperCase();
  if (/^[A-Z]/.test(written) && /^[a-z]/.test(replacement)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Capitalises the first letter (for a replacement at the start of a sentence). */
export function capitalise(text: string): string {
  return text.length ? text[0].toUpperCase() + text.slice(1) : text;
}

/** A word of prose with its offsets in the document. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A comma, semicolon, colon, bracket, quote or sentence end follows: phrases do not run past it. */
  readonly breakAfter: boolean;
}

/** A character that starts a word: [A-Za-z0-9\u00C0-\u024F]. */
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
}

/** A character after which a phrase does not go on: , ; : ! ? ( ) [ ] " and MASK. */
function isBreak(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 91 || c === 93 || c === 34 || c === 1;
}

/** A character JavaScript's `\s` matches. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Where a block's words are, as `tokenize` finds them, in arrays that are reused from call to
 * call (`tokenSpans` grows them): document offsets of each word's start and end, and 1 where a
 * phrase does not go on past it (`Token.breakAfter`). `chars` holds the block's prose as
 * `codeUnits` copies it, until the next call.
 */
export interface TokenSpans {
  starts: Int32Array;
  ends: Int32Array;
  breaks: Uint8Array;
  readonly chars: UnitRoom;
}

export function tokenSpanRoom(capacity = 256): TokenSpans {
  return { starts: new Int32Array(capacity), ends: new Int32Array(capacity), breaks: new Uint8Array(capacity), chars: unitRoom(16 * capacity) };
}

/** Makes room for twice as many spans, keeping those written. */
function growSpans(spans: TokenSpans): void {
  const capacity = spans.starts.length * 2;
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  const breaks = new Uint8Array(capacity);
  starts.set(spans.starts);
  ends.set(spans.ends);
  breaks.set(spans.breaks);
  spans.starts = starts;
  spans.ends = ends;
  spans.breaks = breaks;
}

/**
 * Splits a block's prose into words; hyphens and white space separate words. A word starts with
 * [A-Za-z0-9\u00C0-\u024F] and goes on with those and . ' &. Writes the words' spans into `spans`
 * and returns how many there are. A char-code scanner that makes no strings, for speed: it reads
 * every character of every block.
 */
export function tokenSpans(block: Block, spans: TokenSpans): number {
  const prose = codeUnits(block.prose, spans.chars);
  const n = block.prose.length;
  let count = 0;
  let i = 0;
  while (i < n && (CLASS[prose[i]] & WORD_START) === 0) i++;
  while (i < n) {
    let j = i + 1;
    while (j < n && (CLASS[prose[j]] & WORD_PART) !== 0) j++;
    // "Partnership." ends a sentence; "U.S." keeps its stops. A word never starts with either mark.
    let end = j;
    let sentenceEnd = false;
    if (prose[end - 1] === 46 && onlyStopAtEnd(prose, i, end)) {
      end--;
      sentenceEnd = true;
    }
    if (prose[end - 1] === 39) end--;
    // Up to the next word: a break character or a blank line (two line breaks with only white space between) ends a phrase.
    let breakAfter = sentenceEnd;
    let lineBreak = false;
    let k = j;
    for (; k < n; k++) {
      const c = CLASS[prose[k]];
      if ((c & WORD_START) !== 0) break;
      if ((c & LINE_BREAK) !== 0) {
        if (lineBreak) breakAfter = true;
        lineBreak = true;
      } else if ((c & SPACE) === 0) {
        lineBreak = false;
        if ((c & BREAK) !== 0) breakAfter = true;
      }
    }
    if (count === spans.starts.length) growSpans(spans);
    spans.starts[count] = block.start + i;
    spans.ends[count] = block.start + end;
    spans.breaks[count] = breakAfter ? 1 : 0;
    count++;
    i = k;
  }
  return count;
}

/*
 * What `tokenSpans` needs to know of a code unit, in one table of every UTF-16 code unit (64 KB):
 * one load per character instead of a chain of comparisons. Filled from the predicates above,
 * over the code units where any of them holds (a test compares the table with them for all).
 */
const WORD_START = 1;
const WORD_PART = 2;
const SPACE = 4;
const LINE_BREAK = 8;
const BREAK = 16;
const CLASS = new Uint8Array(0x10000);
for (const c of [...range(0, 0x250), ...range(0x1680, 0x1681), ...range(0x2000, 0x2030), ...range(0x205f, 0x2060), ...range(0x3000, 0x3001), 0xfeff]) CLASS[c] = classOf(c);

/** The `CLASS` entry of `c`, from the predicates. */
export function classOf(c: number): number {
  return (
    (isWordStart(c) ? WORD_START | WORD_PART : 0) |
    (c === 46 || c === 39 || c === 38 ? WORD_PART : 0) |
    (isSpace(c) ? SPACE : 0) |
    (c === 10 ? LINE_BREAK : 0) |
    (isBreak(c) ? BREAK : 0)
  );
}

/** The entry `tokenSpans` reads for `c` (for the test). */
export function tableClass(c: number): number {
  return CLASS[c];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Whether the full stop at `end - 1` is the only one in prose[start, end). */
function onlyStopAtEnd(prose: Uint16Array, start: number, end: number): boolean {
  for (let p = start; p < end - 1; p++) if (prose[p] === 46) return false;
  return true;
}

/** `tokenize`'s room; given back when a long block grew it past this many spans or characters. */
const SHARED_SPANS = 4096;
const SHARED_CHARS = 65_536;
let sharedSpans = tokenSpanRoom();

/** The words of a block's prose (see `tokenSpans`), with their text. */
export function tokenize(block: Block): Token[] {
  const count = tokenSpans(block, sharedSpans);
  const { starts, ends, breaks } = sharedSpans;
  const tokens = new Array<Token>(count);
  for (let t = 0; t < count; t++) {
    tokens[t] = { text: block.prose.slice(starts[t] - block.start, ends[t] - block.start), start: starts[t], end: ends[t], breakAfter: breaks[t] === 1 };
  }
  if (sharedSpans.starts.length > SHARED_SPANS || sharedSpans.chars.units.length > SHARED_CHARS) sharedSpans = tokenSpanRoom();
  return tokens;
}

const SPELLING_KEY = new Map<string, string>();
for (const family of SPELLING_FAMILIES) {
  family.us.forEach((us, i) => {
    SPELLING_KEY.set(us, family.un[i]);
    SPELLING_KEY.set(family.gb[i], family.un[i]);
  });
}

/**
 * A word's key for "almost the same word": lower case, no apostrophe, one spelling for
 * American and British forms, singular. "Centers" and "centre" share a key; so do "City" and "Cities".
 */
export const softKey = memoised(computeSoftKey);

function computeSoftKey(word: string): string {
  let w = word.toLowerCase().replace(/['\u2019]/g, '');
  w = SPELLING_KEY.get(w) ?? w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

/** Words that carry no meaning for "how much of a name is there". */
export const STOPWORDS = new Set(['of', 'on', 'the', 'and', 'for', 'in', 'to', 'a', 'an', 'at', 'by', 'with']);

/** The mention covering [start, end) entirely, or overlapping it, among a block's mentions. */
export function overlapping(mentions: readonly Mention[], start: number, end: number): Mention[] {
  return mentions.filter((m) => m.start < end && m.end > start);
}

/** Text for a message: line breaks and runs of spaces become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
