import { escapeRegExp, FNV_SEED, fnvMix, WHITE_TO_SPACE, WORD_CHAR_CLASS } from '../text';

/**
 * Finds glossary forms in text by hashing, in time that does not grow with the number of forms.
 *
 * It finds exactly what one case-insensitive alternation of all forms would find, written as
 * `(?<![word])(?:form1|form2|…)(?![word])` with `\s+` between a form's words and `s?` after a
 * plural-taking acronym: left to right, at the first position where some form matches, the form
 * that comes first in the alternation, then on after it. V8 cannot compile such an alternation
 * for tens of thousands of forms, and its cost grows with every form it holds.
 *
 * Both the forms and the text are rewritten into one shape: each UTF-16 code unit replaced by the
 * one a case-insensitive RegExp compares it by (its canonical form), each run of white space by
 * one space. A form then matches where its shape is a prefix of the text's shape that ends before
 * a non-word character, so a match is a hash-table probe per place where a form could end. The
 * hash of every leading part of every form that ends at such a place is in a bitmap, so the scan
 * at a position stops at the first part no form starts with: usually after the first word.
 */
export class FormMatcher {
  /** Each form's text, by its order: a candidate found by its hash is checked against it. */
  private readonly texts: string[] = [];
  /**
   * Open addressing on the hash of a shape: slot `s` holds the hash at `2s` and the order of the
   * earliest form with that shape, plus one, at `2s + 1` (0: empty). One table for the shapes, one
   * for the shapes of the forms that also match with an `s` after them (acronym plurals). Typed
   * arrays instead of Maps of shape strings: a 50,000-entry glossary has ~180,000 forms, and
   * strings and Map entries for them cost a third of its index's build time and ~17 MB.
   */
  private readonly shapeTable: Int32Array;
  private readonly pluralTable: Int32Array;
  private readonly shapeMask: number;
  private readonly pluralMask: number;
  private shapeCount = 0;
  private longest = 0;
  /** First code units of one-unit shapes, and first two code units (see `pairKey`) of longer ones. */
  private readonly singles = new Uint8Array(0x10000);
  private readonly pairs = new Uint8Array(0x10000);
  /**
   * A bitmap of the hashes (FNV-1a, see `fnvMix`) of every leading part of a form that ends where
   * a form may end: the scan hashes as it goes and stops at the first part no form starts with.
   * The parts are only hashed, never sliced into strings: a 50,000-entry glossary has about a
   * million.
   */
  private readonly partBits: Uint32Array;
  private readonly mask: number;

  /**
   * `forms` in alternation order: on the same position, an earlier form wins. A form is the text
   * to match (trimmed, plain punctuation) and whether it also matches with an `s` after it.
   */
  constructor(forms: ReadonlyArray<{ readonly text: string; readonly plural: boolean }>) {
    let plurals = 0;
    for (const form of forms) if (form.plural) plurals++;
    // At most half full, so a probe that finds nothing stops after a slot or two.
    this.shapeMask = tableSize(forms.length) - 1;
    this.pluralMask = tableSize(plurals) - 1;
    this.shapeTable = new Int32Array(2 * (this.shapeMask + 1));
    this.pluralTable = new Int32Array(2 * (this.pluralMask + 1));
    // Hashes of the leading parts, in one growing buffer: the bitmap is sized from their count.
    let partHashes = new Int32Array(1024);
    let count = 0;
    for (let order = 0; order < forms.length; order++) {
      const text = forms[order].text;
      this.texts.push(text);
      const shape = text.length <= scratch.length ? scratch : new Uint16Array(text.length);
      const n = shapeInto(text, shape);
      if (n === 0) continue;
      if (n > this.longest) this.longest = n;
      if (n === 1) this.singles[shape[0]] = 1;
      else this.pairs[pairKey(shape[0], shape[1])] = 1;
      if (count + n >= partHashes.length) {
        const grown = new Int32Array(Math.max(partHashes.length * 2, count + n + 1));
        grown.set(partHashes.subarray(0, count));
        partHashes = grown;
      }
      let hash = FNV_SEED;
      let previous = shape[0];
      for (let k = 1; k < n; k++) {
        const unit = shape[k];
        hash = fnvMix(hash, previous);
        // A canonical code unit is a word character exactly when the original is (tested for all of them).
        if (previous !== SPACE && !isWord(unit)) partHashes[count++] = hash;
        previous = unit;
      }
      hash = fnvMix(hash, previous);
      partHashes[count++] = hash;
      if (this.insert(this.shapeTable, this.shapeMask, hash, order, shape, n)) this.shapeCount++;
      if (forms[order].plural) this.insert(this.pluralTable, this.pluralMask, hash, order, shape, n);
    }
    // About sixteen bits per part: few false positives, and never a false negative.
    const size = Math.min(1 << 24, Math.max(1 << 16, 2 ** Math.ceil(Math.log2((count + 1) * 16))));
    this.mask = size - 1;
    this.partBits = new Uint32Array(size >>> 5);
    for (let i = 0; i < count; i++) setBit(this.partBits, partHashes[i] & this.mask);
  }

  /** Files form `order` under its shape's hash, unless an earlier form has the same shape. */
  private insert(table: Int32Array, mask: number, hash: number, order: number, shape: Uint16Array, n: number): boolean {
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = table[2 * slot + 1];
      if (held === 0) {
        table[2 * slot] = hash;
        table[2 * slot + 1] = order + 1;
        return true;
      }
      if (table[2 * slot] === hash && hasShape(this.texts[held - 1], shape, 0, n)) return false;
    }
  }

  /** The order of the earliest form whose shape is `shape[from, to)`, whose hash is `hash`; -1 if none. */
  private find(table: Int32Array, mask: number, hash: number, shape: Uint16Array, from: number, to: number): number {
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = table[2 * slot + 1];
      if (held === 0) return -1;
      if (table[2 * slot] === hash && hasShape(this.texts[held - 1], shape, from, to)) return held - 1;
    }
  }

  /** Every match in `text`, left to right, without overlaps. */
  matches(text: string): Array<{ readonly index: number; readonly text: string }> {
    const out: Array<{ index: number; text: string }> = [];
    if (this.shapeCount === 0) return out;
    // The shape in code units, not a string: one pass over the text, where a string took a test,
    // a white-space replace and an upper-casing (a tenth of the CLI's matching, profiled).
    const shape = text.length <= scratch.length ? scratch : new Uint16Array(text.length);
    const n = shapeInto(text, shape);
    // Offsets in `text` of shape positions, found by walking both forward as matches are found;
    // the same offsets where no run of white space was collapsed (most blocks' prose).
    const sameLength = n === text.length;
    let walkedShape = 0;
    let walkedText = 0;
    const offsetOf = (q: number): number => {
      if (sameLength) return q;
      while (walkedShape < q) {
        if (isSpace(text.charCodeAt(walkedText++))) while (walkedText < text.length && isSpace(text.charCodeAt(walkedText))) walkedText++;
        walkedShape++;
      }
      return walkedText;
    };
    const { singles, pairs } = this;
    // A canonical code unit is a word character exactly when the original is (tested for all of them).
    let afterWord = false;
    for (let q = 0; q < n; q++) {
      const first = shape[q];
      const before = afterWord;
      const known = wordTable[first];
      afterWord = known === UNKNOWN ? isWord(first) : known === YES;
      // A form starts where no word character comes before it, and never on white space.
      if (before || first === SPACE) continue;
      // Most places start no form: their first two code units are those of none.
      if (singles[first] === 0 && (q + 1 >= n || pairs[pairKey(first, shape[q + 1])] === 0)) continue;
      let best = -1;
      let bestEnd = -1;
      const limit = Math.min(n, q + this.longest + 1);
      // Hashes of shape[q, j) and of shape[q, j - 1).
      let hash = FNV_SEED;
      let hashBefore = FNV_SEED;
      for (let j = q + 1; j <= limit; j++) {
        hashBefore = hash;
        hash = fnvMix(hash, shape[j - 1]);
        // A form ends before a non-word character (or the end), and never after white space.
        if (j < n && (isWord(shape[j]) || shape[j - 1] === SPACE)) continue;
        if (shape[j - 1] === UPPER_S && j - 1 > q) {
          const plural = this.find(this.pluralTable, this.pluralMask, hashBefore, shape, q, j - 1);
          if (plural >= 0 && (best < 0 || plural < best)) {
            best = plural;
            bestEnd = j;
          }
        }
        // No form goes on past a part no form starts with; a false positive only scans on a little.
        if (!hasBit(this.partBits, hash & this.mask)) break;
        const exact = this.find(this.shapeTable, this.shapeMask, hash, shape, q, j);
        if (exact >= 0 && (best < 0 || exact < best)) {
          best = exact;
          bestEnd = j;
        }
      }
      if (best < 0) continue;
      // A match neither starts nor ends on white space, so both ends are single code units.
      const start = offsetOf(q);
      const end = offsetOf(bestEnd - 1) + 1;
      out.push({ index: start, text: text.slice(start, end) });
      q = bestEnd - 1;
      afterWord = isWord(shape[q]);
    }
    return out;
  }
}

/** A power of two at least twice `count` (and at least 16). */
function tableSize(count: number): number {
  return 2 ** Math.max(4, Math.ceil(Math.log2(2 * count + 1)));
}

/**
 * The same matches for a few hundred forms, from one compiled alternation (the matcher before
 * FormMatcher): faster at that size, as V8 compiles it to native code.
 *
 * It matches the text with its white space collapsed (each run as one space, as in a shape), so
 * that a form's spaces are literal spaces in the pattern, and an acronym's plural is an
 * alternative of its own right before it (`ICTs|ICT`, tried in the order `ICTs?` tries them).
 * `\s+` and `s?` in the pattern made it three to four times slower on the 10 MB benchmark
 * (104 against 29 ms a pass over the prose of its 100-entry glossary, 2026-12-06); the collapse
 * costs ~21 ms where it is needed.
 */
export class AlternationMatcher {
  /** The compiled alternation, none for no forms; its source is `alternationLength` long. */
  readonly pattern: RegExp | undefined;

  constructor(forms: ReadonlyArray<{ readonly text: string; readonly plural: boolean }>) {
    const alternatives: string[] = [];
    for (const form of forms) {
      const body = escapeRegExp(form.text).replace(/\s+/g, ' ');
      if (form.plural) alternatives.push(`${body}s`);
      alternatives.push(body);
    }
    this.pattern = alternatives.length ? new RegExp(`${BEFORE_FORM}${alternatives.join('|')}${AFTER_FORM}`, 'gi') : undefined;
  }

  matches(text: string): Array<{ readonly index: number; readonly text: string }> {
    const out: Array<{ index: number; text: string }> = [];
    const pattern = this.pattern;
    if (!pattern) return out;
    const flat = text.replace(WHITE_TO_SPACE, ' ');
    // The pattern itself, not a copy: this scan is synchronous, and its lastIndex is reset here.
    pattern.lastIndex = 0;
    if (flat.length === text.length) {
      // No run was collapsed: offsets are the text's. The text as written, not as flattened.
      const same = flat === text;
      for (let m = pattern.exec(flat); m; m = pattern.exec(flat)) out.push({ index: m.index, text: same ? m[0] : text.slice(m.index, m.index + m[0].length) });
      return out;
    }
    // A place in `flat` is as far into `text` as the runs before it were collapsed: the runs are
    // found by a native search, in step with the matches.
    RUNS.lastIndex = 0;
    let run = RUNS.exec(text);
    let removed = 0;
    const toText = (at: number): number => {
      while (run !== null && run.index - removed < at) {
        removed += run[0].length - 1;
        run = RUNS.exec(text);
      }
      return at + removed;
    };
    for (let m = pattern.exec(flat); m; m = pattern.exec(flat)) {
      // A match neither starts nor ends on white space, so both ends are single characters.
      const start = toText(m.index);
      const end = toText(m.index + m[0].length - 1) + 1;
      out.push({ index: start, text: text.slice(start, end) });
    }
    return out;
  }
}

/** The runs of white space `WHITE_TO_SPACE` collapses to one space (a lone non-space one keeps its length). */
const RUNS = /\s{2,}/g;

const BEFORE_FORM = `(?<![${WORD_CHAR_CLASS}])(?:`;
const AFTER_FORM = `)(?![${WORD_CHAR_CLASS}])`;

/**
 * The length of the source `AlternationMatcher` compiles for `forms` (0 for none), counted
 * without building it; the count stops once it passes `limit`.
 */
export function alternationLength(forms: ReadonlyArray<{ readonly text: string; readonly plural: boolean }>, limit = Infinity): number {
  if (forms.length === 0) return 0;
  let length = BEFORE_FORM.length + AFTER_FORM.length + forms.length - 1;
  for (let i = 0; i < forms.length && length <= limit; i++) {
    const body = escapedLength(forms[i].text, 1);
    // A plural form is two alternatives: the body with an `s`, a `|`, the body.
    length += forms[i].plural ? 2 * body + 2 : body;
  }
  return length;
}


const SPECIAL = new Uint8Array(128);
for (const c of '.*+?^${}()|[]\\/') SPECIAL[c.charCodeAt(0)] = 1;
/**
 * The length of `escapeRegExp(text)` with `\s+` for each run of white space, counted without
 * building it: the measure of the alternation order (longest first, see `alternationOrder`),
 * which decides the form that wins at a place. It is the length the form had in the pattern
 * before the pattern matched collapsed text, and stays so: the order is the matchers' contract.
 */
export function patternLength(text: string): number {
  return escapedLength(text, 3);
}

/** The length of `escapeRegExp(text)` with `space` characters for each run of white space. */
function escapedLength(text: string, space: number): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      length += space;
      while (i + 1 < text.length && isSpace(text.charCodeAt(i + 1))) i++;
    } else length += SPECIAL[text.charCodeAt(i)] === 1 ? 2 : 1;
  }
  return length;
}

const SPACE = 0x20;
const UPPER_S = 0x53;


function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5] |= 1 << (index & 31);
}

function hasBit(bits: Uint32Array, index: number): boolean {
  return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}

/** A 16-bit key of two code units, distinct for two ASCII ones. */
function pairKey(a: number, b: number): number {
  return ((a << 7) ^ b) & 0xffff;
}

/**
 * The shape of a text or a form, written into `codes` (at least as long as `text`); its length.
 * Each code unit canonicalised as a case-insensitive, non-unicode RegExp compares it, each run of
 * white space (`\s`) as one space.
 */
function shapeInto(text: string, codes: Uint16Array): number {
  let t = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i++);
    if (isSpace(c)) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      codes[t++] = SPACE;
    } else codes[t++] = canonical(c);
  }
  return t;
}

/** Whether the shape of `form` is `shape[from, to)`. */
function hasShape(form: string, shape: Uint16Array, from: number, to: number): boolean {
  const units = form.length <= formScratch.length ? formScratch : new Uint16Array(form.length);
  if (shapeInto(form, units) !== to - from) return false;
  for (let k = from; k < to; k++) if (shape[k] !== units[k - from]) return false;
  return true;
}

const scratch = new Uint16Array(0x10000);
/** `hasShape`'s own: it runs while the constructor holds a form's shape in `scratch`. */
const formScratch = new Uint16Array(0x10000);

// Per code unit facts, computed on first use with the RegExp engine's own answer where it has one.
const UNKNOWN = 0;
const YES = 1;
const NO = 2;
const wordTable = new Uint8Array(0x10000);
const spaceTable = new Uint8Array(0x10000);
const canonicalTable = new Uint16Array(0x10000);
const WORD = new RegExp(`[${WORD_CHAR_CLASS}]`, 'i');
const WHITE = /\s/;

function isWord(c: number): boolean {
  let v = wordTable[c];
  if (v === UNKNOWN) wordTable[c] = v = WORD.test(String.fromCharCode(c)) ? YES : NO;
  return v === YES;
}

/** Whether a code unit is white space as RegExp `\s` counts it (memoised per unit). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  let v = spaceTable[c];
  if (v === UNKNOWN) spaceTable[c] = v = WHITE.test(String.fromCharCode(c)) ? YES : NO;
  return v === YES;
}

/**
 * The code unit a case-insensitive, non-unicode RegExp compares `c` by (ECMA-262 Canonicalize):
 * its upper case when that is one code unit, unless that would map a non-ASCII unit to ASCII.
 */
export function canonical(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  let v = canonicalTable[c];
  if (v === 0) {
    const upper = String.fromCharCode(c).toUpperCase();
    v = upper.length === 1 && upper.charCodeAt(0) >= 128 ? upper.charCodeAt(0) : c;
    canonicalTable[c] = v;
  }
  return v;
}
