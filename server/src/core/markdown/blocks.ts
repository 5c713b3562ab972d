import MarkdownIt from 'markdown-it';
type Token = MarkdownIt.Token;
import { codeUnits, detached, lineAt, lineStarts, plainPunctuation, unitRoom } from '../text';
import { emptyListOf } from '../lists';

/**
 * Markdown -> blocks of prose. Block structure comes from markdown-it's block parser (it is
 * ten times faster than the micromark family and gives line maps); the inline layer is a small
 * scanner over the block's source lines, because markdown-it's inline tokens carry no offsets.
 *
 * Invariant: a block's `prose` has exactly the length of its source slice, so an offset in
 * `prose` plus `block.start` is an offset in the document. Text that is not prose (code spans,
 * link destinations, URLs, HTML) is replaced by MASK; container markup (`>`, list markers,
 * `#`) and emphasis delimiters by spaces, so a name wrapped inside a block quote still matches.
 */

export type BlockKind = 'paragraph' | 'heading' | 'table' | 'code' | 'html' | 'frontmatter';

export interface Block {
  readonly kind: BlockKind;
  /** Offset of the first character of the block's first line. */
  readonly start: number;
  /** Offset just past the block's last line (including its line break). */
  readonly end: number;
  readonly startLine: number;
  readonly endLine: number;
  /** Normalised prose with non-prose masked; empty for code, HTML and front matter. */
  readonly prose: string;
  readonly headingLevel: number;
  readonly inList: boolean;
  readonly inQuote: boolean;
  /** HTML comments in the block, as document offsets (suppression comments live here). */
  readonly comments: readonly Comment[];
}

export interface Comment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The character that replaces non-prose text: neither a word character nor white space. */
export const MASK = '\u0001';

const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
md.normalizeLink = blockNormalizeLink(md.normalizeLink);

/**
 * The block parser normalises a reference definition's destination only to ask `validateLink`
 * whether its protocol is allowed (the definition is prose if not), and these blocks keep no
 * link. An http(s) address is allowed before and after normalising, which parses and re-encodes
 * it: ~20 ms over the 2,169 definitions of the 10 MB benchmark corpus. Other addresses are
 * normalised as before (a test compares the verdicts).
 */
export function blockNormalizeLink(normalize: (url: string) => string): (url: string) => string {
  return (url) => (WEB_ADDRESS.test(url) ? url : normalize(url));
}
const WEB_ADDRESS = /^https?:\/\//i;

type StateBlockClass = typeof md.block.State;
type StateBlock = InstanceType<StateBlockClass>;

md.block.State = lineMarkingState(md.block.State);

/**
 * markdown-it's block state, built by a faster constructor. markdown-it's own constructor reads
 * every character of the text to mark its lines (start, end, indent); this one reads each line's
 * indent and finds its end by a native search. A fresh process marking the 10 MB benchmark
 * corpus's drafts: ~41–49 → ~19–28 ms, most of it on the CLI's preparing thread. The same fields
 * in the same order, with the same values (a test compares them with markdown-it's over
 * generated texts; docs/decisions.md, Performance).
 */
export function lineMarkingState(Base: StateBlockClass): StateBlockClass {
  function State(this: StateBlock, src: string, parser: MarkdownIt, env: unknown, tokens: Token[]): void {
    this.src = src;
    this.md = parser;
    this.env = env;
    this.tokens = tokens;
    const bMarks: number[] = [];
    const eMarks: number[] = [];
    const tShift: number[] = [];
    const sCount: number[] = [];
    const bsCount: number[] = [];
    this.bMarks = bMarks;
    this.eMarks = eMarks;
    this.tShift = tShift;
    this.sCount = sCount;
    this.bsCount = bsCount;
    this.blkIndent = 0;
    this.line = 0;
    this.lineMax = 0;
    this.tight = false;
    this.ddIndent = -1;
    this.listIndent = -1;
    this.parentType = 'root';
    this.level = 0;
    const length = src.length;
    for (let start = 0; start < length; ) {
      // The indent: spaces and tabs, in characters and in columns (a tab to the next multiple of 4).
      let pos = start;
      let columns = 0;
      for (; pos < length; pos++) {
        const c = src.charCodeAt(pos);
        if (c === 0x20) columns++;
        else if (c === 0x09) columns += 4 - (columns % 4);
        else break;
      }
      // A last line of only spaces and tabs, with no line break after it, is no line to markdown-it.
      if (pos === length) break;
      const end = src.indexOf('\n', pos);
      const lineEnd = end === -1 ? length : end;
      bMarks.push(start);
      eMarks.push(lineEnd);
      tShift.push(pos - start);
      sCount.push(columns);
      bsCount.push(0);
      start = lineEnd + 1;
    }
    // markdown-it's own last entry, past the last line.
    bMarks.push(length);
    eMarks.push(length);
    tShift.push(0);
    sCount.push(0);
    bsCount.push(0);
    this.lineMax = bMarks.length - 1;
  }
  State.prototype = Base.prototype;
  return State as unknown as StateBlockClass;
}

/** Splits a document into blocks in document order. Total over any input. */
export function parseBlocks(text: string): readonly Block[] {
  return parseDocument(text).blocks;
}

/**
 * A parsed document: its blocks, and the top-level Markdown blocks they come from (a list, a
 * block quote, a paragraph …), which are where a re-parse can start and stop.
 */
export interface ParsedDocument {
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly tops: readonly Top[];
  /** Offsets of line starts (LSP lines). */
  readonly lineStart: readonly number[];
  readonly frontMatterEnd: number;
}

/** A top-level Markdown block: lines [startLine, endLine), blocks [firstBlock, firstBlock + blockCount). */
export interface Top {
  readonly startLine: number;
  readonly endLine: number;
  readonly firstBlock: number;
  readonly blockCount: number;
}

/** One edit of the previous text: [start, end) replaced by `newLength` characters. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newLength: number;
}

/**
 * A parsed document as flat data, which a thread passes to another at a fraction of the cost of
 * the objects (the CLI parses on one thread and analyses on another, see prepared.ts).
 */
export interface PackedDocument {
  readonly text: string;
  /** The prose of every block, one after another. */
  readonly prose: string;
  /**
   * The front matter's line count, then the counts of blocks, top-level blocks and lines; each
   * block's kind (its place in BLOCK_KINDS), start, end, start line, end line, heading level,
   * flags (1: in a list, 2: in a quote), prose length and comment count, then each comment's
   * start and end; each top-level block's four numbers; the line starts.
   */
  readonly numbers: Int32Array<ArrayBuffer>;
}

const BLOCK_KINDS: readonly BlockKind[] = ['paragraph', 'heading', 'table', 'code', 'html', 'frontmatter'];

export function packDocument({ text, blocks, tops, lineStart, frontMatterEnd }: ParsedDocument): PackedDocument {
  let size = 4 + 9 * blocks.length + 4 * tops.length + lineStart.length;
  for (const block of blocks) size += 2 * block.comments.length;
  const numbers = new Int32Array(size);
  let k = 0;
  numbers[k++] = frontMatterEnd;
  numbers[k++] = blocks.length;
  numbers[k++] = tops.length;
  numbers[k++] = lineStart.length;
  const prose: string[] = [];
  for (const block of blocks) {
    numbers[k++] = BLOCK_KINDS.indexOf(block.kind);
    numbers[k++] = block.start;
    numbers[k++] = block.end;
    numbers[k++] = block.startLine;
    numbers[k++] = block.endLine;
    numbers[k++] = block.headingLevel;
    numbers[k++] = (block.inList ? 1 : 0) | (block.inQuote ? 2 : 0);
    numbers[k++] = block.prose.length;
    numbers[k++] = block.comments.length;
    for (const comment of block.comments) {
      numbers[k++] = comment.start;
      numbers[k++] = comment.end;
    }
    if (block.prose !== '') prose.push(block.prose);
  }
  for (const top of tops) {
    numbers[k++] = top.startLine;
    numbers[k++] = top.endLine;
    numbers[k++] = top.firstBlock;
    numbers[k++] = top.blockCount;
  }
  for (const start of lineStart) numbers[k++] = start;
  return { text, prose: prose.join(''), numbers };
}

/**
 * The parsed document `packDocument` packed. Its blocks' prose are slices of `packed.prose`, not
 * copies as a parse's are (see `detached`): all of it lives as long as any block does. The CLI
 * forgets each draft once checked; copying them cost its main thread ~13 ms on the 10 MB corpus.
 */
export function unpackDocument({ text, prose, numbers }: PackedDocument): ParsedDocument {
  let k = 0;
  const frontMatterEnd = numbers[k++];
  const blockCount = numbers[k++];
  const topCount = numbers[k++];
  const lineCount = numbers[k++];
  const blocks: Block[] = [];
  let at = 0;
  for (let b = 0; b < blockCount; b++) {
    const kind = BLOCK_KINDS[numbers[k++]];
    const start = numbers[k++];
    const end = numbers[k++];
    const startLine = numbers[k++];
    const endLine = numbers[k++];
    const headingLevel = numbers[k++];
    const flags = numbers[k++];
    const proseLength = numbers[k++];
    const commentCount = numbers[k++];
    let comments = NO_COMMENTS;
    if (commentCount > 0) {
      const found: Comment[] = [];
      for (let c = 0; c < commentCount; c++, k += 2) found.push({ start: numbers[k], end: numbers[k + 1], text: detached(text.slice(numbers[k], numbers[k + 1])) });
      comments = found;
    }
    const blockProse = proseLength === 0 ? '' : prose.slice(at, (at += proseLength));
    blocks.push({ kind, start, end, startLine, endLine, prose: blockProse, headingLevel, inList: (flags & 1) !== 0, inQuote: (flags & 2) !== 0, comments });
  }
  const tops: Top[] = [];
  for (let t = 0; t < topCount; t++, k += 4) tops.push({ startLine: numbers[k], endLine: numbers[k + 1], firstBlock: numbers[k + 2], blockCount: numbers[k + 3] });
  const lineStart: number[] = [];
  for (let l = 0; l < lineCount; l++) lineStart.push(numbers[k++]);
  return { text, blocks, tops, lineStart, frontMatterEnd };
}

export function parseDocument(text: string): ParsedDocument {
  const { src, lineStart, frontMatterEnd } = prepare(text);
  const blocks: Block[] = [];
  if (frontMatterEnd > 0) {
    blocks.push(makeBlock('frontmatter', text, lineStart, 0, frontMatterEnd, '', 0, false, false));
  }
  const tops: Top[] = [];
  // After front matter, markdown-it reads from the first line past it, as a re-parse window is
  // read (the front matter would be blank lines to it). Blanked and joined to the rest, it made
  // the text a rope to V8 (a ConsString), which markdown-it reads character by character through
  // the rope's head: a warm pass over the 10 MB benchmark corpus, every draft of which has front
  // matter, took ~153 ms against ~137 this way.
  const from = frontMatterEnd > 0 ? lineOffset(lineStart, frontMatterEnd, src.length) : 0;
  const body = from > 0 ? src.slice(from) : src;
  buildBlocks(parseTokens(body, frontMatterEnd), text, body, lineStart, blocks, tops, from);
  return { text, blocks, tops, lineStart, frontMatterEnd };
}

/**
 * The blocks of `text`, which is `previous.text` with `change` applied, re-parsing only the
 * top-level blocks around the change. Markdown's block structure from the start of a top-level
 * block on depends only on the lines from there, so the window starts one top-level block before
 * the change and ends where its parse meets an old top-level boundary again (checked, and widened
 * until it does); blocks before the window are kept as they are, blocks after it are shifted.
 * The result equals `parseDocument(text)`; front matter edits take a full parse.
 */
export function reparseDocument(previous: ParsedDocument, text: string, change: TextChange): ParsedDocument & { readonly reused: ReadonlyArray<number> } {
  const full = () => {
    const parsed = parseDocument(text);
    return { ...parsed, reused: parsed.blocks.map(() => -1) };
  };
  const old = previous.lineStart;
  const lineOf = (offset: number) => lineAt(old, offset);
  const firstLine = lineOf(change.start);
  const lastLine = lineOf(change.end);
  // Front matter is decided by the first line and the first closing line after it.
  if (previous.frontMatterEnd > 0 ? firstLine <= previous.frontMatterEnd : firstLine === 0 || /^\uFEFF? ?---[ \t]*\r?\n/.test(previous.text) || /^\uFEFF? ?---[ \t]*(\r?\n|$)/.test(text)) return full();
  const tops = previous.tops;
  if (tops.length < 3) return full();

  // A carriage return next to the change may join or split a line break: parse it all.
  const inserted = text.slice(change.start, change.start + change.newLength);
  if (inserted.includes('\r') || previous.text.charCodeAt(change.start - 1) === 13 || previous.text.charCodeAt(change.end) === 13 || previous.text.slice(change.start, change.end).includes('\r')) return full();
  // Line starts of the new text: the old ones up to the change's line, new ones inside it, shifted ones after.
  // Built with indexed loops into arrays of their final size: this runs on every keystroke, and
  // spreads or growing pushes allocate several times the size of a large document's arrays.
  const removed = text.length - previous.text.length;
  let insertedLines = 0;
  for (let k = inserted.indexOf('\n'); k !== -1; k = inserted.indexOf('\n', k + 1)) insertedLines++;
  const lineStart: number[] = new Array(firstLine + 1 + insertedLines + Math.max(0, old.length - lastLine - 1));
  let n = 0;
  for (let l = 0; l <= firstLine; l++) lineStart[n++] = old[l];
  for (let k = inserted.indexOf('\n'); k !== -1; k = inserted.indexOf('\n', k + 1)) lineStart[n++] = change.start + k + 1;
  for (let l = lastLine + 1; l < old.length; l++) lineStart[n++] = old[l] + removed;
  const lineDelta = lineStart.length - old.length;

  const a = Math.max(0, topAt(tops, firstLine) - 1);
  // The window must start before the change: a change in the lines above the first block takes a full parse.
  if (tops[a].startLine >= firstLine) return full();
  let b = topAt(tops, lastLine) + 1;
  for (;;) {
    if (b + 1 >= tops.length) return full();
    const windowStart = tops[a].startLine;
    const syncLine = tops[b].startLine + lineDelta;
    const windowEnd = tops[b + 1].startLine + lineDelta;
    const from = lineStart[windowStart];
    const to = lineStart[windowEnd];
    const { src } = prepareWindow(text, from, to);
    const tokens = parseTokens(src, windowStart);
    const windowBlocks: Block[] = [];
    const windowTops: Top[] = [];
    buildBlocks(tokens, text, src, lineStart, windowBlocks, windowTops, from);
    const sync = windowTops.findIndex((t) => t.startLine === syncLine);
    const oldSync = tops[b];
    if (sync !== -1 && sync === windowTops.length - 1 && windowTops[sync].endLine === oldSync.endLine + lineDelta) {
      const keepBlocks = tops[a].firstBlock;
      const newBlocks = windowBlocks.slice(0, windowTops[sync].firstBlock);
      const offsetDelta = removed;
      const oldBlocks = previous.blocks;
      const blocks: Block[] = new Array(keepBlocks + newBlocks.length + oldBlocks.length - oldSync.firstBlock);
      const reused: number[] = new Array(blocks.length);
      let k = 0;
      for (let i = 0; i < keepBlocks; i++, k++) {
        blocks[k] = oldBlocks[i];
        reused[k] = i;
      }
      for (let i = 0; i < newBlocks.length; i++, k++) {
        blocks[k] = newBlocks[i];
        reused[k] = -1;
      }
      for (let i = oldSync.firstBlock; i < oldBlocks.length; i++, k++) {
        blocks[k] = shiftBlock(oldBlocks[i], offsetDelta, lineDelta);
        reused[k] = i;
      }
      const blockDelta = keepBlocks + newBlocks.length - oldSync.firstBlock;
      const newTops: Top[] = new Array(a + sync + tops.length - b);
      let t = 0;
      for (let i = 0; i < a; i++) newTops[t++] = tops[i];
      for (let i = 0; i < sync; i++) newTops[t++] = { ...windowTops[i], firstBlock: windowTops[i].firstBlock + keepBlocks };
      for (let i = b; i < tops.length; i++) {
        const top = tops[i];
        // Typing within a line moves neither lines nor blocks: the top-level blocks after it stay as they are.
        newTops[t++] = lineDelta === 0 && blockDelta === 0 ? top : { startLine: top.startLine + lineDelta, endLine: top.endLine + lineDelta, firstBlock: top.firstBlock + blockDelta, blockCount: top.blockCount };
      }
      return { text, blocks, tops: newTops, lineStart, frontMatterEnd: previous.frontMatterEnd, reused };
    }
    // The change reached further (a fence opened, two paragraphs joined): widen the window.
    b = Math.min(tops.length - 1, b + Math.max(2, b - a));
  }
}

/** Index of the last top-level block starting at or before `line` (0 when none does). */
function topAt(tops: readonly Top[], line: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid].startLine <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function shiftBlock(block: Block, by: number, lines: number): Block {
  if (by === 0 && lines === 0) return block;
  return {
    kind: block.kind,
    start: block.start + by,
    end: block.end + by,
    startLine: block.startLine + lines,
    endLine: block.endLine + lines,
    prose: block.prose,
    headingLevel: block.headingLevel,
    inList: block.inList,
    inQuote: block.inQuote,
    comments: block.comments.length ? shiftComments(block.comments, by) : NO_COMMENTS,
  };
}

/** markdown-it's block tokens for `src`, with line maps made absolute by `firstLine`. */
function parseTokens(src: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  md.block.parse(src, md, {}, tokens);
  if (firstLine) for (const t of tokens) if (t.map) t.map = [t.map[0] + firstLine, t.map[1] + firstLine];
  return tokens;
}

/**
 * Turns block tokens into blocks. `src` is the prepared text from offset `base` of `text` on
 * (the whole text, or a re-parse window); `lineStart` holds the line starts of the whole text.
 */
function buildBlocks(tokens: readonly Token[], text: string, src: string, lineStart: readonly number[], blocks: Block[], tops: Top[], base = 0): void {
  const listItemLines = new Set<number>();
  for (const t of tokens) if (t.type === 'list_item_open' && t.map) listItemLines.add(t.map[0]);

  let listDepth = 0;
  let quoteDepth = 0;
  let top: { startLine: number; endLine: number; firstBlock: number } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.level === 0 && t.nesting !== -1 && t.map) {
      if (top) tops.push(topOf(top, blocks.length));
      top = { startLine: t.map[0], endLine: t.map[1], firstBlock: blocks.length };
    }
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'fence':
      case 'code_block':
        if (t.map) blocks.push(makeBlock('code', text, lineStart, t.map[0], t.map[1], '', 0, listDepth > 0, quoteDepth > 0));
        break;
      case 'html_block':
        if (t.map) {
          const block = makeBlock('html', text, lineStart, t.map[0], t.map[1], '', 0, listDepth > 0, quoteDepth > 0);
          blocks.push({ ...block, comments: findComments(text, block.start, block.end) });
        }
        break;
      case 'table_open': {
        if (!t.map) break;
        blocks.push(proseBlock('table', text, src, base, lineStart, t.map[0], t.map[1], 0, listDepth > 0, quoteDepth > 0, listItemLines));
        while (i < tokens.length && tokens[i].type !== 'table_close') i++;
        break;
      }
      case 'heading_open':
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        const map = inline?.map ?? t.map;
        if (!map) break;
        // A setext heading's underline is part of the heading_open map but not the inline map.
        const end = t.type === 'heading_open' && t.map ? t.map[1] : map[1];
        const level = t.type === 'heading_open' ? Number(t.tag.slice(1)) : 0;
        blocks.push(proseBlock(t.type === 'heading_open' ? 'heading' : 'paragraph', text, src, base, lineStart, map[0], end, level, listDepth > 0, quoteDepth > 0, listItemLines));
        break;
      }
      default:
        break;
    }
  }
  if (top) tops.push(topOf(top, blocks.length));
}

interface Prepared {
  /** The text as markdown-it should see it (from the end of any front matter on): same length, `\n` line breaks only. */
  readonly src: string;
  /** Offsets of line starts (lines split at `\n` in `src`, which are LSP's lines of `text`). */
  readonly lineStart: number[];
  /** Number of lines of front matter (0 when there is none). */
  readonly frontMatterEnd: number;
}

function prepare(text: string): Prepared {
  // `\r\n` -> ` \n` and a lone `\r` -> `\n` keep every offset and LSP's line numbering. Most
  // drafts have none of these characters: native searches instead of a pattern tried at every position.
  const src = text.indexOf('\r') === -1 && text.indexOf('\u0000') === -1 && text.indexOf('\uFEFF') === -1 ? text : unifyBreaks(text);
  // `src` has no CR left, so its lines are its LFs' (the native searches of `lineStarts`).
  const lineStart = lineStarts(src);
  let frontMatterEnd = 0;
  if (/^ ?---[ \t]*\n/.test(src)) {
    for (let line = 1; line < lineStart.length; line++) {
      const content = src.slice(lineStart[line], (lineStart[line + 1] ?? src.length + 1) - 1);
      if (/^(---|\.\.\.)[ \t]*$/.test(content)) {
        frontMatterEnd = line + 1;
        break;
      }
    }
  }
  return { src, lineStart, frontMatterEnd };
}

/** A top-level block ending before block `end`: spelt out, as a spread of `top` showed in the CLI's profile (~2 % of a pass). */
function topOf(top: { startLine: number; endLine: number; firstBlock: number }, end: number): Top {
  return { startLine: top.startLine, endLine: top.endLine, firstBlock: top.firstBlock, blockCount: end - top.firstBlock };
}

/** `prepare` for a re-parse window [from, to) that starts at a line start after any front matter. */
function prepareWindow(text: string, from: number, to: number): { src: string } {
  return { src: unifyBreaks(text.slice(from, to)) };
}

/**
 * `\r\n` as ` \n`, a lone `\r` as `\n`, NUL as U+FFFD and a BOM as a space, wherever it is: a
 * block's prose must not depend on where the block stands (a block is found again by its text
 * after an edit; a BOM masked only at the start of the document once gave a block that an edit
 * moved down the prose it had at the start, found by the fuzzer).
 */
function unifyBreaks(text: string): string {
  return text.replace(/\r\n?|\u0000|\uFEFF/g, (m) => (m === '\r\n' ? ' \n' : m === '\r' ? '\n' : m === '\uFEFF' ? ' ' : '\uFFFD'));
}

function lineOffset(lineStart: readonly number[], line: number, length: number): number {
  return line < lineStart.length ? lineStart[line] : length;
}

function makeBlock(
  kind: BlockKind,
  text: string,
  lineStart: readonly number[],
  startLine: number,
  endLine: number,
  prose: string,
  headingLevel: number,
  inList: boolean,
  inQuote: boolean,
): Block {
  const start = lineOffset(lineStart, startLine, text.length);
  const end = lineOffset(lineStart, endLine, text.length);
  return { kind, start, end, startLine, endLine, prose, headingLevel, inList, inQuote, comments: NO_COMMENTS };
}

function proseBlock(
  kind: BlockKind,
  text: string,
  src: string,
  base: number,
  lineStart: readonly number[],
  startLine: number,
  endLine: number,
  headingLevel: number,
  inList: boolean,
  inQuote: boolean,
  listItemLines: ReadonlySet<number>,
): Block {
  const start = lineOffset(lineStart, startLine, text.length);
  const end = lineOffset(lineStart, endLine, text.length);
  let raw: string;
  if (kind !== 'heading' && !inQuote && !startsListItem(listItemLines, startLine, endLine)) {
    // Nothing to blank line by line (most paragraphs): the lines as one slice.
    raw = src.slice(lineOffset(lineStart, startLine, src.length + base) - base, lineOffset(lineStart, endLine, src.length + base) - base);
  } else {
    const lines: string[] = [];
    for (let line = startLine; line < endLine; line++) {
      let content = src.slice(lineOffset(lineStart, line, src.length + base) - base, lineOffset(lineStart, line + 1, src.length + base) - base);
      content = maskContainerPrefix(content, inQuote, listItemLines.has(line));
      if (kind === 'heading') content = maskHeadingMarkup(content, line === endLine - 1 && endLine - startLine > 1);
      lines.push(content);
    }
    raw = lines.join('');
  }
  const { masked, comments } = maskInline(raw);
  // Copies, not slices: a block outlives the version of the document it was parsed from (`detached`).
  return {
    kind, start, end, startLine, endLine, prose: detached(plainPunctuation(masked)), headingLevel, inList, inQuote,
    comments: comments.length === 0 ? NO_COMMENTS : blockComments(text, start, comments),
  };
}

/** Whether a list item starts on one of the lines [from, to). */
function startsListItem(listItemLines: ReadonlySet<number>, from: number, to: number): boolean {
  if (listItemLines.size === 0) return false;
  for (let line = from; line < to; line++) if (listItemLines.has(line)) return true;
  return false;
}

const QUOTE_PREFIX = /^[ \t]{0,3}>[ \t]?/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|\n|$)/;

/** Blanks block-quote markers and, on the first line of a list item, its marker(s). */
function maskContainerPrefix(line: string, inQuote: boolean, startsListItem: boolean): string {
  let prefix = 0;
  for (;;) {
    const rest = line.slice(prefix);
    const quote = inQuote ? QUOTE_PREFIX.exec(rest) : null;
    if (quote) {
      prefix += quote[0].length;
      continue;
    }
    const marker = startsListItem ? LIST_MARKER.exec(rest) : null;
    if (marker) {
      prefix += marker[0].length;
      continue;
    }
    break;
  }
  return prefix === 0 ? line : ' '.repeat(prefix) + line.slice(prefix);
}

/** Blanks ATX `#` markers and a setext underline. */
function maskHeadingMarkup(line: string, isSetextUnderline: boolean): string {
  if (isSetextUnderline && /^[ \t]*(=+|-+)[ \t]*\n?$/.test(line)) return line.replace(/[^\n]/g, ' ');
  return line
    .replace(/^([ \t]*)(#{1,6})(?=[ \t]|\n|$)/, (_m, ws: string, hashes: string) => ws + ' '.repeat(hashes.length))
    .replace(/([ \t]+)(#+)([ \t]*\n?)$/, (_m, ws: string, hashes: string, tail: string) => ws + ' '.repeat(hashes.length) + tail);
}

const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;
const BARE_URL = /(?:https?:\/\/|ftp:\/\/|www\.|mailto:)[^\s<>()[\]`]*[^\s<>()[\]`.,;:!?'"\u2019\u201D]/y;

/** [A-Za-z0-9] */
function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** ASCII punctuation, which a backslash escapes: [!-/:-@[-`{-~] */
function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** [from, to) of `s` with every character but a line break replaced by MASK. */
function masked(s: string, from: number, to: number): string {
  let out = '';
  for (let line = from; ; ) {
    const end = s.indexOf('\n', line);
    if (end < 0 || end >= to) return out + MASK.repeat(to - line);
    out += `${MASK.repeat(end - line)}\n`;
    line = end + 1;
  }
}

/**
 * Masks what is not prose inside a block: code spans, HTML comments and tags, autolinks,
 * link destinations and reference labels, bare URLs. Emphasis delimiters become spaces.
 * Returns the masked text and the comments' [start, end) offsets.
 * For speed (it reads every character of every block), it compares char codes and copies the
 * unchanged text between changes in slices; the changes come in text order.
 */
export function maskInline(s: string): { masked: string; comments: Array<[number, number]> } {
  const comments: Array<[number, number]> = [];
  let out = '';
  let copied = 0;
  const mask = (from: number, to: number) => {
    out += s.slice(copied, from) + masked(s, from, to);
    copied = to;
  };
  const blank = (at: number) => {
    out += `${s.slice(copied, at)} `;
    copied = at + 1;
  };
  const n = s.length;
  // The scan reads the characters from a copy (see `codeUnits`); slices, patterns and searches, from `s`.
  const u = codeUnits(s, inlineRoom);
  let openBrackets = 0;
  let i = 0;
  while (i < n) {
    const c = u[i];
    // Most characters start nothing below: one table read passes them.
    if (c >= 128 || INLINE_START[c] === 0) {
      i++;
      continue;
    }
    if (c === 92 /* \ */ && i + 1 < n && isAsciiPunct(u[i + 1])) {
      i += 2;
      continue;
    }
    if (c === 96 /* ` */) {
      let run = 1;
      while (u[i + run] === 96) run++;
      const close = findBacktickRun(s, i + run, run);
      if (close >= 0) {
        mask(i, close + run);
        i = close + run;
      } else {
        i += run;
      }
      continue;
    }
    if (c === 60 /* < */) {
      if (s.startsWith('<!--', i)) {
        const close = s.indexOf('-->', i + 4);
        const end = close >= 0 ? close + 3 : n;
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
    if (c === 91 /* [ */) {
      openBrackets++;
      i++;
      continue;
    }
    if (c === 93 /* ] */ && openBrackets > 0) {
      openBrackets--;
      const next = u[i + 1];
      if (next === 40 /* ( */) {
        const end = matchParen(s, i + 1);
        if (end > 0) {
          mask(i + 1, end);
          i = end;
          continue;
        }
      } else if (next === 91 /* [ */) {
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
    // h, f, w, m at a word start: a bare URL only if it starts like one (the pattern is tried only
    // then). Its second letter first ("ht", "ft", "ww", "ma"): most words with those first letters go no further.
    if (urlStart(c, u[i + 1]) && (i === 0 || !isAsciiAlnum(u[i - 1])) && (s.startsWith('http', i) || s.startsWith('ftp://', i) || s.startsWith('www.', i) || s.startsWith('mailto:', i))) {
      const end = stickyEnd(BARE_URL, s, i);
      if (end !== undefined) {
        mask(i, end);
        i = end;
        continue;
      }
    }
    if (c === 42 /* * */ || c === 126 /* ~ */) blank(i);
    else if (c === 95 /* _ */ && (i === 0 || !isAsciiAlnum(u[i - 1]) || !isAsciiAlnum(u[i + 1]))) blank(i);
    i++;
  }
  if (inlineRoom.units.length > INLINE_UNITS_KEPT) inlineRoom = unitRoom(4096);
  return { masked: copied === 0 ? s : out + s.slice(copied), comments };
}

/** Whether `c` then `d` start "http", "ftp://", "www." or "mailto:". */
function urlStart(c: number, d: number): boolean {
  // One number for both, compared with each start: a comparison that only rare text reaches (an
  // "ft") had no type feedback when V8 compiled `maskInline`, and threw its compiled code away.
  const pair = (c << 16) | d;
  return pair === HT || pair === FT || pair === WW || pair === MA;
}
const HT = (104 << 16) | 116;
const FT = (102 << 16) | 116;
const WW = (119 << 16) | 119;
const MA = (109 << 16) | 97;

/** `maskInline`'s copy of a block's text, reused; given back after a block longer than `INLINE_UNITS_KEPT`. */
let inlineRoom = unitRoom(4096);
const INLINE_UNITS_KEPT = 65_536;

/** The characters `maskInline` looks at: \ ` < [ ] * ~ _ and the first letters of h(ttp), f(tp), w(ww), m(ailto). */
const INLINE_START = new Uint8Array(128);
for (const c of '\\`<[]*~_hfwm') INLINE_START[c.charCodeAt(0)] = 1;

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

function findComments(text: string, start: number, end: number): readonly Comment[] {
  let i = text.indexOf('<!--', start);
  if (i < 0 || i >= end) return NO_COMMENTS;
  const comments: Comment[] = [];
  while (i >= 0 && i < end) {
    const close = text.indexOf('-->', i + 4);
    const stop = close >= 0 && close + 3 <= end ? close + 3 : end;
    comments.push({ start: i, end: stop, text: detached(text.slice(i, stop)) });
    i = text.indexOf('<!--', stop);
  }
  return comments;
}

/** The comments of every block without any (see `emptyListOf`; blocks are read-only). */
const NO_COMMENTS: readonly Comment[] = emptyListOf<Comment>({ start: 0, end: 0, text: '' });

/** `maskInline`'s comments of a block at `start`, as document offsets with their text. */
function blockComments(text: string, start: number, found: ReadonlyArray<readonly [number, number]>): Comment[] {
  const comments: Comment[] = [];
  for (const [s, e] of found) comments.push({ start: start + s, end: start + e, text: detached(text.slice(start + s, start + e)) });
  return comments;
}

function shiftComments(comments: readonly Comment[], by: number): Comment[] {
  const out: Comment[] = [];
  for (const c of comments) out.push({ start: c.start + by, end: c.end + by, text: c.text });
  return out;
}
