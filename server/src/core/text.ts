/**
 * Character-level normalisation shared by the matcher, the glossary index and the rules.
 * Every mapping here is one UTF-16 code unit to one, so offsets in normalised text are
 * offsets in the document.
 */

/** Typographic apostrophes, quotes and dashes, each mapped to its plain form. */
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u02BC': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ',
};
const TYPOGRAPHIC_PATTERN = /[\u2018\u2019\u02BC\u2032\u201C\u201D\u2010-\u2014\u2212\u00A0\u2007\u202F]/g;

/** Replaces typographic punctuation by its plain form, keeping the length. */
export function plainPunctuation(text: string): string {
  return text.replace(TYPOGRAPHIC_PATTERN, (c) => TYPOGRAPHIC[c] ?? c);
}

/**
 * The key a written form is looked up by: plain punctuation, single spaces, lower case.
 * "Leaders’  Statement" and "leaders' statement" share a key.
 */
export function formKey(text: string): string {
  // Most forms are printable ASCII with single spaces inside: lower case is all they need.
  if (isPlainAscii(text)) return text.toLowerCase();
  return plainPunctuation(text).replace(WHITE_TO_SPACE, ' ').trim().toLowerCase();
}

/** Printable ASCII, without a space at either end or two in a row (nothing for `formKey` to normalise). */
function isPlainAscii(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && text.charCodeAt(i + 1) === 0x20)) return false;
  }
  return true;
}

/**
 * White space that is not already one plain space: replacing it by one space collapses every
 * run, and a text with single spaces comes back as it was, without a copy (the glossary index
 * makes keys of a few hundred thousand forms).
 */
export const WHITE_TO_SPACE = /\s{2,}|[^\S ]/g;

/** Characters that make up a word for whole-word matching: ASCII alphanumerics, `_`, Latin, Greek and Cyrillic letters. */
export const WORD_CHAR_CLASS = 'A-Za-z0-9_\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const WORD_CHAR = new RegExp(`[${WORD_CHAR_CLASS}]`);

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** True when every letter of `text` is upper case and it has at least one letter. */
export function isAllCaps(text: string): boolean {
  return /[A-Z]/.test(text) && !/[a-z]/.test(text);
}

/** The line holding `offset`, given the offsets of line starts (binary search). */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A copy of `text` that shares no storage with the string it was cut from. V8 makes a slice of
 * 13 characters or more a view into its parent, so a word cut from a 1 MB draft keeps the whole
 * draft alive for as long as the word is kept. Whatever outlives the document version it was cut
 * from (a block's cached mentions, a memo table) holds a copy instead: prefixing makes a new
 * string that the slice flattens into a fresh one, so the result keeps alive only its own
 * characters and one more. A shorter string is already its own (V8 copies short slices and
 * joins short strings at once), and is returned as it is.
 */
export function detached(text: string): string {
  return text.length < SHARING_LENGTH ? text : ` ${text}`.slice(1);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Where `codeUnits` copies a text: a Uint16Array, and on a little-endian machine a Buffer on the
 * same memory (a Buffer made for each copy cost as much as the copy of a short block).
 */
export interface UnitRoom {
  units: Uint16Array;
  bytes: Buffer | undefined;
}

export function unitRoom(size: number): UnitRoom {
  const units = new Uint16Array(size);
  return { units, bytes: LITTLE_ENDIAN ? Buffer.from(units.buffer, units.byteOffset, units.byteLength) : undefined };
}

/**
 * `text`'s UTF-16 code units, then a 0 (a stop for a scanner that reads one past the end), in
 * `room`, made twice as large as needed when it is too small; returns the units. The char-code
 * scanners that read every character of every block read this copy: reading a typed array is
 * about twice as fast as `charCodeAt` on a slice of the draft (which a block's text is), and the
 * copy is one native call (Node's UTF-16LE encoding writes a string's code units as they are,
 * lone surrogates too: a Uint16Array's on a little-endian machine).
 */
export function codeUnits(text: string, room: UnitRoom): Uint16Array {
  if (room.units.length <= text.length) Object.assign(room, unitRoom(2 * text.length + 2));
  const units = room.units;
  if (room.bytes) room.bytes.write(text, 0, 2 * text.length, 'utf16le');
  else for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  units[text.length] = 0;
  return units;
}

/** FNV-1a's starting hash (as a signed 32-bit integer). */
export const FNV_SEED = 0x811c9dc5 | 0;

/** One FNV-1a step: `hash` with one UTF-16 code unit mixed in. */
export function fnvMix(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** V8's shortest slice or concatenation that refers to other strings instead of copying them. */
const SHARING_LENGTH = 13;

/**
 * Memoises a function of a string (whose value is never undefined); the table is cleared when it
 * grows past `limit`. Keys are stored as copies (`detached`): a key cut from a document must not
 * keep the document alive.
 */
export function memoised<T extends string | object | null>(compute: (key: string) => T, limit = 50_000): (key: string) => T {
  const table = new Map<string, T>();
  return (key) => {
    let value = table.get(key);
    if (value === undefined) {
      if (table.size > limit) table.clear();
      const own = detached(key);
      value = compute(own);
      table.set(own, value);
    }
    return value;
  };
}

/**
 * The LSP position of `offset` in `text`, given its line starts (`lineStarts`): what a
 * `TextDocument` of `text` answers, clamped to the text and never between a `\r` and its `\n`,
 * without the document computing line starts of its own (a pass over the text per version).
 */
export function positionAt(text: string, starts: readonly number[], offset: number): { line: number; character: number } {
  let at = Math.max(0, Math.min(offset, text.length));
  const line = lineAt(starts, at);
  const start = starts[line];
  while (at > start && (text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 13)) at--;
  return { line, character: at - start };
}

/** Offsets of the start of every line; a line ends at `\n`, `\r\n` or a lone `\r`, as LSP counts them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // Without a CR, every line ends at a LF, found by native searches: a glossary of 50,000 entries
  // is 13 MB of JSON, which the character loop took 30–50 ms to read (on one line), they ~1 ms.
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
