import { WORD_CHAR_CLASS } from '../text';

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
 * a non-word character, so a match is a Map lookup per place where a form could end. Every
 * leading part of every form that ends at such a place is in the Map too, so the scan at a
 * position stops at the first part no form starts with: usually after the first word.
 */
export class FormMatcher {
  /** Every leading part of a form's shape that ends where a form may end -> the earliest form with exactly that shape, or -1. */
  private readonly parts = new Map<string, number>();
  /** Shapes of the forms that also match with an `s` after them (acronym plurals) -> the earliest such form. */
  private readonly plurals = new Map<string, number>();
  private longest = 0;

  /**
   * `forms` in alternation order: on the same position, an earlier form wins. A form is the text
   * to match (trimmed, plain punctuation) and whether it also matches with an `s` after it.
   */
  constructor(forms: ReadonlyArray<{ readonly text: string; readonly plural: boolean }>) {
    forms.forEach((form, order) => {
      const shape = formShape(form.text);
      if (shape.length === 0) return;
      this.longest = Math.max(this.longest, shape.length);
      for (let k = 1; k < shape.length; k++) {
        // A canonical code unit is a word character exactly when the original is (tested for all of them).
        if (!isWord(shape.charCodeAt(k)) && shape.charCodeAt(k - 1) !== SPACE) {
          const part = shape.slice(0, k);
          if (!this.parts.has(part)) this.parts.set(part, -1);
        }
      }
      const known = this.parts.get(shape);
      if (known === undefined || known < 0) this.parts.set(shape, order);
      if (form.plural && !this.plurals.has(shape)) this.plurals.set(shape, order);
    });
  }

  /** Every match in `text`, left to right, without overlaps. */
  *matches(text: string): Generator<{ readonly index: number; readonly text: string }> {
    if (this.parts.size === 0) return;
    const { shape, word, at } = shapeOf(text);
    const n = shape.length;
    for (let q = 0; q < n; q++) {
      // A form starts where no word character comes before it, and never on white space.
      if ((q > 0 && word[q - 1]) || shape.charCodeAt(q) === SPACE) continue;
      let best = -1;
      let bestEnd = -1;
      const limit = Math.min(n, q + this.longest + 1);
      for (let j = q + 1; j <= limit; j++) {
        // A form ends before a non-word character (or the end), and never after white space.
        if (j < n && (word[j] || shape.charCodeAt(j - 1) === SPACE)) continue;
        if (shape.charCodeAt(j - 1) === UPPER_S && j - 1 > q) {
          const plural = this.plurals.get(shape.slice(q, j - 1));
          if (plural !== undefined && (best < 0 || plural < best)) {
            best = plural;
            bestEnd = j;
          }
        }
        const exact = this.parts.get(shape.slice(q, j));
        if (exact === undefined) break;
        if (exact >= 0 && (best < 0 || exact < best)) {
          best = exact;
          bestEnd = j;
        }
      }
      if (best < 0) continue;
      const start = at[q];
      const end = at[bestEnd - 1] + 1;
      yield { index: start, text: text.slice(start, end) };
      q = bestEnd - 1;
    }
  }
}

const SPACE = 0x20;
const UPPER_S = 0x53;

/**
 * The shape of `text`: each code unit canonicalised as a case-insensitive, non-unicode RegExp
 * compares it, each run of white space (`\s`) as one space; whether each is a word character as
 * the matcher's `[…]` class with the `i` flag sees it; and the offset in `text` each came from.
 */
function shapeOf(text: string): { shape: string; word: Uint8Array; at: Int32Array } {
  const n = text.length;
  const codes = new Uint16Array(n);
  const word = new Uint8Array(n);
  const at = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      codes[t] = SPACE;
      at[t++] = i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    codes[t] = canonical(c);
    word[t] = isWord(c) ? 1 : 0;
    at[t++] = i++;
  }
  return { shape: fromCodes(codes, t), word: word.subarray(0, t), at: at.subarray(0, t) };
}

const ASCII = /^[\x00-\x7f]*$/;
const WHITE_RUN = /\s+/g;
let scratch = new Uint16Array(256);

/** The shape of a form (see `shapeOf`); for ASCII, its upper case with white space collapsed. */
function formShape(text: string): string {
  if (ASCII.test(text)) return text.replace(WHITE_RUN, ' ').toUpperCase();
  if (scratch.length < text.length) scratch = new Uint16Array(text.length * 2);
  let t = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i++);
    if (isSpace(c)) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      scratch[t++] = SPACE;
    } else scratch[t++] = canonical(c);
  }
  return fromCodes(scratch, t);
}

function fromCodes(codes: Uint16Array, length: number): string {
  let out = '';
  // Chunked: `apply` has an argument limit. Not a TextDecoder, which would replace lone surrogates.
  for (let i = 0; i < length; i += 8192) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  return out;
}

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

function isSpace(c: number): boolean {
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
