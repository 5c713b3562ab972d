import { visit } from 'jsonc-parser';
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';

/** Keys longer than this go the YAML way, which refuses implicit keys over 1024 characters. */
const MAX_FAST_KEY = 1000;

/**
 * Reads a JSON glossary into the same syntax tree, with the same ranges, that `yaml` would
 * build from it, about twenty times faster than `yaml` parses it (13 MB in a few hundred ms).
 * Returns undefined for anything but plain, well-formed JSON without duplicate keys: the caller
 * then parses the text as YAML, which reports every problem with its position as before.
 */
export function parseJsonTree(text: string): { root: YamlNode } | undefined {
  const first = /\S/.exec(text.slice(0, 1024));
  // The caller has refused nesting deeper than a glossary needs, so the parser's recursion is shallow.
  if (!first || (first[0] !== '{' && first[0] !== '[')) return undefined;
  let root: YamlNode | undefined;
  let ok = true;
  // Open collections, innermost last; for a mapping, the key waiting for its value and the keys seen.
  const stack: Array<{ node: YAMLMap | YAMLSeq; key: Scalar | undefined; keys: Set<string> | undefined }> = [];
  const add = (node: YamlNode) => {
    const top = stack[stack.length - 1];
    if (!top) root = node;
    else if (top.key) {
      (top.node as YAMLMap).items.push(new Pair(top.key, node));
      top.key = undefined;
    } else (top.node as YAMLSeq).items.push(node);
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => {
          const node = new YAMLMap();
          node.range = [offset, offset, offset];
          add(node);
          stack.push({ node, key: undefined, keys: new Set() });
        },
        onObjectProperty: (name, offset, length) => {
          const top = stack[stack.length - 1];
          if (top.keys!.has(name) || name.length > MAX_FAST_KEY) ok = false;
          top.keys!.add(name);
          const key = new Scalar(name);
          key.range = [offset, offset + length, offset + length];
          top.key = key;
        },
        onObjectEnd: (offset, length) => close(offset + length),
        onArrayBegin: (offset) => {
          const node = new YAMLSeq();
          node.range = [offset, offset, offset];
          add(node);
          stack.push({ node, key: undefined, keys: undefined });
        },
        onArrayEnd: (offset, length) => close(offset + length),
        onLiteralValue: (value: unknown, offset, length) => {
          const node = new Scalar(value);
          node.range = [offset, offset + length, offset + length];
          add(node);
        },
        onError: () => {
          ok = false;
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch {
    return undefined;
  }
  return ok && root ? { root } : undefined;

  function close(end: number): void {
    const top = stack.pop()!;
    top.node.range = [top.node.range![0], end, end];
  }
}

/** Nesting the position scan follows; anything deeper goes the slow way (a glossary needs five levels). */
const MAX_SCAN_DEPTH = 128;

/**
 * For text JSON.parse has taken: the offset of the `id` value of each object in the root's
 * `terms` (-1 where it has none; an element that is not an object gets no slot), and how many
 * keys the text writes (more than the parsed value holds means a key was repeated, which
 * JSON.parse silently allows). Undefined for what this scan does not vouch for: a key with an
 * escape (it could spell `terms` or `id`), a key longer than MAX_FAST_KEY, deep nesting.
 * One pass, no strings made: it is what keeps positions cheap on the happy path.
 */
export function scanJsonPositions(text: string): { ids: number[]; keys: number } | undefined {
  const ids: number[] = [];
  let keys = 0;
  let depth = 0;
  // The depth of the root's `terms` array while it is open, or -1.
  let termsDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const from = i;
      i = text.indexOf('"', i + 1);
      while (text.charCodeAt(i - 1) === BACKSLASH && escapedQuote(text, i)) i = text.indexOf('"', i + 1);
      let j = i + 1;
      while (isJsonSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== COLON) continue;
      keys++;
      if (i - from - 1 > MAX_FAST_KEY || hasBackslash(text, from, i)) return undefined;
      for (j++; isJsonSpace(text.charCodeAt(j)); j++);
      if (depth === 1 && i - from === 6 && text.startsWith('terms', from + 1) && text.charCodeAt(j) === OPEN_SQUARE) {
        termsDepth = 2;
        depth = 2;
        i = j;
      } else if (depth === 3 && termsDepth === 2 && i - from === 3 && text.startsWith('id', from + 1)) ids[ids.length - 1] = j;
    } else if (c === OPEN_CURLY || c === OPEN_SQUARE) {
      if (++depth > MAX_SCAN_DEPTH) return undefined;
      if (depth === 3 && termsDepth === 2 && c === OPEN_CURLY) ids.push(-1);
    } else if (c === CLOSE_CURLY || c === CLOSE_SQUARE) {
      if (depth-- === termsDepth) termsDepth = -1;
    }
  }
  return { ids, keys };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function escapedQuote(text: string, at: number): boolean {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === BACKSLASH) n++;
  return n % 2 === 1;
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === BACKSLASH) return true;
  return false;
}
