/**
 * `maskInline` and `tokenize` as they were before they were rewritten as char-code scanners
 * (commit 1c64c59), kept unchanged as the references the rewrites are compared with
 * (scanners.test.ts). Not shipped.
 */
import type { Block } from '../../../server/src/core/markdown/blocks';
import { MASK } from '../../../server/src/core/markdown/blocks';
import type { Token } from '../../../server/src/core/rules/common';

const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;
const BARE_URL = /(?:https?:\/\/|ftp:\/\/|www\.|mailto:)[^\s<>()[\]`]*[^\s<>()[\]`.,;:!?'"\u2019\u201D]/y;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Masks what is not prose inside a block: code spans, HTML comments and tags, autolinks,
 * link destinations and reference labels, bare URLs. Emphasis delimiters become spaces.
 * Returns the masked text and the comments' [start, end) offsets.
 */
export function maskInlineReference(s: string): { masked: string; comments: Array<[number, number]> } {
  const out = s.split('');
  const comments: Array<[number, number]> = [];
  const mask = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = MASK;
  };
  let openBrackets = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && ASCII_PUNCT.test(s[i + 1])) {
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const close = findBacktickRun(s, i + n, n);
      if (close >= 0) {
        mask(i, close + n);
        i = close + n;
      } else {
        i += n;
      }
      continue;
    }
    if (c === '<') {
      if (s.startsWith('<!--', i)) {
        const close = s.indexOf('-->', i + 4);
        const end = close >= 0 ? close + 3 : s.length;
        comments.push([i, end]);
        mask(i, end);
        i = end;
        continue;
      }
      const end = stickyEnd(AUTOLINK, s, i) ?? stickyEnd(HTML_TAG, s, i);
      if (end !== undefined) {
        mask(i, end);
        i = end;
        continue;
      }
      i++;
      continue;
    }
    if (c === '[') {
      openBrackets++;
      i++;
      continue;
    }
    if (c === ']' && openBrackets > 0) {
      openBrackets--;
      if (s[i + 1] === '(') {
        const end = matchParen(s, i + 1);
        if (end > 0) {
          mask(i + 1, end);
          i = end;
          continue;
        }
      } else if (s[i + 1] === '[') {
        const close = s.indexOf(']', i + 2);
        if (close > 0 && !s.slice(i + 2, close).includes('\n\n')) {
          mask(i + 1, close + 1);
          i = close + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if ((c === 'h' || c === 'f' || c === 'w' || c === 'm') && (i === 0 || !/[A-Za-z0-9]/.test(s[i - 1]))) {
      const end = stickyEnd(BARE_URL, s, i);
      if (end !== undefined) {
        mask(i, end);
        i = end;
        continue;
      }
    }
    if (c === '*' || c === '~') out[i] = ' ';
    else if (c === '_' && (!/[A-Za-z0-9]/.test(s[i - 1] ?? '') || !/[A-Za-z0-9]/.test(s[i + 1] ?? ''))) out[i] = ' ';
    i++;
  }
  return { masked: out.join(''), comments };
}

function stickyEnd(pattern: RegExp, s: string, at: number): number | undefined {
  pattern.lastIndex = at;
  const m = pattern.exec(s);
  return m ? at + m[0].length : undefined;
}

function findBacktickRun(s: string, from: number, n: number): number {
  let j = s.indexOf('`', from);
  while (j >= 0) {
    let k = 0;
    while (s[j + k] === '`') k++;
    if (k === n) return j;
    j = s.indexOf('`', j + k);
  }
  return -1;
}

/** Index just past the `)` that closes the `(` at `open`, or -1 (a blank line ends the search). */
function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '\n' && s[k + 1] === '\n') return -1;
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return -1;
}

const TOKEN = /[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F.'&]*/g;

/** Splits a block's prose into words; hyphens and white space separate words. */
export function tokenizeReference(block: Block): Token[] {
  const prose = block.prose;
  const tokens: Token[] = [];
  for (let m = TOKEN.exec(prose); m; m = TOKEN.exec(prose)) {
    let text = m[0];
    const startRel = m.index;
    // "Partnership." ends a sentence; "U.S." keeps its stops.
    let sentenceEnd = false;
    if (text.endsWith('.') && text.indexOf('.') === text.length - 1) {
      text = text.slice(0, -1);
      sentenceEnd = true;
    }
    if (text.endsWith("'")) text = text.slice(0, -1);
    const endRel = startRel + text.length;
    const next = prose.slice(startRel + m[0].length).match(/^[^A-Za-z0-9\u00C0-\u024F]*/)![0];
    const breakAfter = sentenceEnd || /[,;:!?()[\]"\u0001]|\n\s*\n/.test(next);
    tokens.push({ text, start: block.start + startRel, end: block.start + endRel, breakAfter });
  }
  return tokens;
}

