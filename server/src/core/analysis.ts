import type { Block } from './markdown/blocks';
import { parseDocument, reparseDocument, type ParsedDocument, type TextChange } from './markdown/blocks';
import type { PreparedDocument } from './prepared';
import type { Entry } from './glossary/schema';
import type { GlossaryIndex } from './glossary/glossaryIndex';
import { findMentions, type BlockMention } from './match';
import { detached } from './text';

/** A mention with document offsets. */
export interface Mention extends Omit<BlockMention, 'expansionOf' | 'definedBy'> {
  /** Index of the block it sits in. */
  readonly block: number;
  /** Text as written in the document. */
  readonly text: string;
  /** For a name: the "(ACR)" mention that follows it. */
  readonly expansionOf: Mention | undefined;
  /** For an acronym in "Full Name (ACR)": the name mention. */
  readonly definedBy: Mention | undefined;
}

/**
 * What the rules keep for a block while its prose is unchanged, by key: its block rules'
 * findings, and a document rule's facts about it. A block has one to three keys: two are held in
 * fields, and a Map is made only for more. A Map for every block was ~19 MB of the allocations
 * of a pass over the 10 MB benchmark corpus (43,000 blocks).
 */
export class Memo {
  private firstKey: string | undefined;
  private first: unknown;
  private secondKey: string | undefined;
  private second: unknown;
  private more: Map<string, unknown> | undefined;

  get(key: string): unknown {
    if (key === this.firstKey) return this.first;
    if (key === this.secondKey) return this.second;
    return this.more?.get(key);
  }

  set(key: string, value: unknown): void {
    if (this.firstKey === undefined || key === this.firstKey) {
      this.firstKey = key;
      this.first = value;
    } else if (this.secondKey === undefined || key === this.secondKey) {
      this.secondKey = key;
      this.second = value;
    } else {
      (this.more ??= new Map()).set(key, value);
    }
  }
}

/** The analysis of one document version: blocks, mentions and the document-order state. */
export interface DocumentAnalysis {
  readonly text: string;
  readonly blocks: readonly Block[];
  /**
   * Per block (same indices as `blocks`): a memo that lives as long as the block's prose is
   * unchanged, for block-local results such as a rule's findings (kept block-relative).
   */
  readonly memos: readonly Memo[];
  /** Offsets of line starts, as LSP counts lines (see `lineStarts`): the parse keeps them current. */
  readonly lineStart: readonly number[];
  /** Every mention in document order. */
  readonly mentions: readonly Mention[];
  /** Per block (same indices as `blocks`): the index in `mentions` of its first mention (or of the next block's). */
  readonly mentionStarts: readonly number[];
  /** Offset of the first "Full Name (ACR)" of each entry (the name's start): where its acronym is introduced. */
  readonly introductions: ReadonlyMap<string, number>;
  /** Offset just past the acronym of each entry's first "Full Name (ACR)". */
  readonly introductionEnds: ReadonlyMap<string, number>;
  /** The first mention of each entry. */
  readonly firstMentions: ReadonlyMap<string, Mention>;
  /**
   * Every mention of each entry, in document order, keyed in the order of first mention: a rule
   * about some entries reads their mentions without walking all of them.
   */
  readonly entryMentions: ReadonlyMap<string, readonly Mention[]>;
  /** The blocks holding a "Full Name (ACR)" (a mention with `definedBy`), in document order. */
  readonly expansionBlocks: readonly number[];
  /** Unique among the analyses of a process. */
  readonly serial: number;
  /** The analysis this one was derived from by its analyser, or -1 when it was made from scratch. */
  readonly previousSerial: number;
  /**
   * The text before this offset, and so every position before it (line and character), is as in
   * the analysis `previousSerial`; 0 when made from scratch.
   */
  readonly unchangedBefore: number;
}

let serials = 0;

/**
 * Analyses documents block by block. After an edit, only the top-level Markdown blocks around
 * it are parsed again (`reparseDocument`); the mentions and rule memos of every other block are
 * reused as they are, and the document-order state (first mentions, acronym introductions) is
 * carried down the mention list again, which is a linear pass over mentions, not text.
 * One analyser per document; a new glossary index starts it afresh.
 */
export class DocumentAnalyser {
  private index: GlossaryIndex | undefined;
  private parsed: ParsedDocument | undefined;
  /** Per block of `parsed`: its mentions and memo (undefined for a block without prose). */
  private entries: Array<CachedBlock | undefined> = [];
  /** The mentions of the last analysis, and where each block's mentions start in it. */
  private mentions: readonly Mention[] = [];
  private mentionStarts: number[] = [];
  /** The memos of the last analysis, so a block without prose keeps its (empty) memo too. */
  private memos: Memo[] = [];
  private last: DocumentAnalysis | undefined;

  /**
   * `prepared`, if given, is `prepareDocument(text, …)` made elsewhere (on another thread): an
   * analysis from scratch starts from its parse instead of parsing again, and takes its matches
   * if an index of the same matcher found them. Ignored when it is of another text, or when there
   * is an earlier analysis to build on.
   */
  analyse(text: string, index: GlossaryIndex, prepared?: PreparedDocument): DocumentAnalysis {
    const previous = index === this.index ? this.parsed : undefined;
    const previousEntries = this.entries;
    this.index = index;
    let parsed: ParsedDocument;
    let reused: ReadonlyArray<number> | undefined;
    let unchangedBefore = 0;
    let matches: PreparedDocument['matches'] | undefined;
    const change = previous && changeBetween(previous.text, text);
    if (previous && change) {
      const result = reparseDocument(previous, text, change);
      parsed = result;
      reused = result.reused;
      unchangedBefore = change.start;
    } else if (previous && previous.text === text) {
      parsed = previous;
      reused = previous.blocks.map((_, i) => i);
      unchangedBefore = text.length + 1;
    } else {
      if (prepared !== undefined && prepared.parsed.text === text) {
        parsed = prepared.parsed;
        if (prepared.matcherKey === index.matcherKey()) matches = prepared.matches;
      } else {
        parsed = parseDocument(text);
      }
    }
    // Taken, not shared: an analysis that fails half-way leaves none to build on.
    const last = previous ? this.last : undefined;
    this.last = undefined;
    // Blocks the re-parse rebuilt may still have their old text (a paragraph re-parsed for safety).
    const byText = new Map<string, CachedBlock>();
    if (previous) {
      const kept = new Uint8Array(previous.blocks.length);
      if (reused) for (const i of reused) if (i >= 0) kept[i] = 1;
      previous.blocks.forEach((block, i) => {
        const entry = previousEntries[i];
        if (entry && !kept[i]) byText.set(blockKey(block, previous.text), entry);
      });
    }
    const blocks = parsed.blocks;
    const entries: Array<CachedBlock | undefined> = new Array(blocks.length);
    let mentions: Mention[] = [];
    const mentionStarts: number[] = new Array(blocks.length);
    const memos: Memo[] = new Array(blocks.length);
    // The blocks before the change are the very same objects at the same indices: so are their mentions.
    let same = 0;
    if (reused && previous) while (same < blocks.length && reused[same] === same && blocks[same] === previous.blocks[same]) same++;
    for (let b = 0; b < same; b++) {
      entries[b] = previousEntries[b];
      memos[b] = previousEntries[b]?.memo ?? this.memos[b];
      mentionStarts[b] = this.mentionStarts[b];
    }
    if (same > 0) {
      const end = same < this.mentionStarts.length ? this.mentionStarts[same] : this.mentions.length;
      mentions = this.mentions.slice(0, end);
    }
    for (let b = same; b < blocks.length; b++) {
      const block = blocks[b];
      mentionStarts[b] = mentions.length;
      const from = reused ? reused[b] : -1;
      let entry = from >= 0 ? previousEntries[from] : undefined;
      if (!entry && block.prose !== '') {
        // The key copies and hashes the block's text: only when there is something to find (never in the CLI).
        entry = (byText.size > 0 ? byText.get(blockKey(block, text)) : undefined) ?? { mentions: findMentions(block.prose, index, matches?.[b]), memo: new Memo() };
      }
      entries[b] = entry;
      memos[b] = entry?.memo ?? (from >= 0 ? this.memos[from] : undefined) ?? new Memo();
      if (entry) appendMentions(mentions, entry, block, b, text);
    }
    this.parsed = parsed;
    this.entries = entries;
    this.mentions = mentions;
    this.mentionStarts = mentionStarts;
    this.memos = memos;

    // The document-order state of the unchanged blocks is the previous state without what was
    // first found after them (first uses come in document order); only the rest is carried again.
    const introductions = new Map<string, number>();
    const introductionEnds = new Map<string, number>();
    const firstMentions = new Map<string, Mention>();
    const entryMentions = new Map<string, Mention[]>();
    let expansionBlocks: number[] = [];
    let resume = 0;
    if (last && same > 0) {
      resume = same < blocks.length ? mentionStarts[same] : mentions.length;
      // The same mentions lead both lists; the previous state is in the previous offsets.
      const cut = resume < last.mentions.length ? last.mentions[resume].start : Infinity;
      for (const [id, mention] of last.firstMentions) if (mention.start < cut) firstMentions.set(id, mention);
      for (const [id, end] of last.introductionEnds) {
        if (end > cut) continue;
        introductionEnds.set(id, end);
        introductions.set(id, last.introductions.get(id)!);
      }
      for (const [id, list] of last.entryMentions) {
        const kept = mentionsBefore(list, cut);
        if (kept > 0) entryMentions.set(id, list.slice(0, kept));
      }
      const blocksBefore = last.expansionBlocks;
      expansionBlocks = blocksBefore.slice(0, countBelow(blocksBefore.length, (i) => blocksBefore[i] < same));
    }
    // Indexed loops on the per-keystroke paths: a for-of allocates an iterator result per step until V8 optimises the loop.
    for (let i = resume; i < mentions.length; i++) {
      const mention = mentions[i];
      const id = mention.entry?.id;
      if (!id) continue;
      const list = entryMentions.get(id);
      if (list) list.push(mention);
      else entryMentions.set(id, [mention]);
      if (!firstMentions.has(id)) firstMentions.set(id, mention);
      if (mention.definedBy) {
        if (expansionBlocks[expansionBlocks.length - 1] !== mention.block) expansionBlocks.push(mention.block);
        if (!introductions.has(id)) {
          introductions.set(id, mention.definedBy.start);
          introductionEnds.set(id, mention.end);
        }
      }
    }
    const analysis: DocumentAnalysis = {
      text,
      blocks,
      lineStart: parsed.lineStart,
      memos,
      mentions,
      mentionStarts,
      introductions,
      introductionEnds,
      firstMentions,
      entryMentions,
      expansionBlocks,
      serial: ++serials,
      previousSerial: last ? last.serial : -1,
      unchangedBefore: last ? unchangedBefore : 0,
    };
    this.last = analysis;
    return analysis;
  }
}

/** How many of `mentions` (in document order) start before `offset`. */
export function mentionsBefore(mentions: readonly Mention[], offset: number): number {
  return countBelow(mentions.length, (i) => mentions[i].start < offset);
}

/** How many leading indices below `length` satisfy `below` (true up to some index, false after). */
function countBelow(length: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A block's cache key: its source text (findings quote it) and its shape (a heading allows title case). */
function blockKey(block: Block, text: string): string {
  return `${block.kind}${block.headingLevel}${block.inList ? 'l' : ''}${block.inQuote ? 'q' : ''}\u0000${text.slice(block.start, block.end)}`;
}

/**
 * The one edit that turns `before` into `after` (common prefix and suffix), or undefined when
 * they are equal. Found by comparing, so every caller — an editor's incremental changes, a full
 * sync, the CLI — gets the same incremental path.
 */
export function changeBetween(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let p = 0;
  // Long stretches compare as slices (native comparison), the rest character by character.
  for (let step = 4096; step >= 1; step >>= 4) {
    while (p + step <= shorter && before.slice(p, p + step) === after.slice(p, p + step)) p += step;
  }
  let q = 0;
  const limit = shorter - p;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (q + step <= limit && before.slice(before.length - q - step, before.length - q) === after.slice(after.length - q - step, after.length - q)) q += step;
  }
  return { start: p, end: before.length - q, newLength: after.length - q - p };
}

interface CachedBlock {
  readonly mentions: readonly BlockMention[];
  readonly memo: Memo;
  /** The mentions' text as written, kept with the block (its source is unchanged while the entry lives). */
  texts?: string[];
}

/**
 * Appends a block's mentions with document offsets. Called for every block after an edit, so it
 * allocates only the mentions: their text comes from the block's cache, and a name and its
 * "(ACR)" are linked by position in the block's list (they are neighbours).
 */
function appendMentions(out: Mention[], entry: CachedBlock, block: Block, b: number, text: string): void {
  const found = entry.mentions;
  const texts = (entry.texts ??= textsOf(found, text, block));
  const base = out.length;
  for (let i = 0; i < found.length; i++) {
    const m = found[i];
    out.push({
      start: block.start + m.start, end: block.start + m.end, entry: m.entry, ref: m.ref, plural: m.plural, caseMismatch: m.caseMismatch, citation: m.citation,
      block: b, text: texts[i], expansionOf: undefined, definedBy: undefined,
    });
  }
  for (let i = 0; i < found.length; i++) {
    const m = found[i];
    if (m.expansionOf) (out[base + i] as { expansionOf: Mention | undefined }).expansionOf = out[base + neighbour(found, i, m.expansionOf)];
    if (m.definedBy) (out[base + i] as { definedBy: Mention | undefined }).definedBy = out[base + neighbour(found, i, m.definedBy)];
  }
}

/**
 * The mentions' text, cut from a copy of the block: the entry outlives this version of the
 * document, and a slice of the document itself would keep all of it alive (`detached`).
 */
function textsOf(found: readonly BlockMention[], text: string, block: Block): string[] {
  if (found.length === 0) return [];
  const source = detached(text.slice(block.start, block.end));
  // Pushed: lists made by `map` were not all of one elements kind, and V8 compiled `appendMentions` twice (core/lists.ts).
  const texts: string[] = [];
  for (const m of found) texts.push(source.slice(m.start, m.end));
  return texts;
}

/** Index of `target` in `list`, searched outwards from `i`. */
function neighbour(list: readonly BlockMention[], i: number, target: BlockMention): number {
  for (let d = 1; i + d < list.length || i - d >= 0; d++) {
    if (list[i + d] === target) return i + d;
    if (list[i - d] === target) return i - d;
  }
  throw new Error('a linked mention is not in its block');
}

/** The index in `analysis.mentions` just past block `b`'s mentions (they start at `analysis.mentionStarts[b]`). */
export function mentionsEnd(analysis: DocumentAnalysis, b: number): number {
  return b + 1 < analysis.mentionStarts.length ? analysis.mentionStarts[b + 1] : analysis.mentions.length;
}

/** The mention covering `offset` (start inclusive, end inclusive so a cursor just after a word still hovers it). */
export function mentionAt(analysis: DocumentAnalysis, offset: number): Mention | undefined {
  const list = analysis.mentions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid];
    if (offset < m.start) hi = mid - 1;
    else if (offset > m.end) lo = mid + 1;
    else return offset === m.end && list[mid + 1]?.start === offset ? list[mid + 1] : m;
  }
  return undefined;
}

/** The mention that starts exactly at `offset`, found by binary search. */
export function mentionStartingAt(analysis: DocumentAnalysis, offset: number): Mention | undefined {
  const list = analysis.mentions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < offset) lo = mid + 1;
    else if (list[mid].start > offset) hi = mid - 1;
    else {
      let i = mid;
      while (i > 0 && list[i - 1].start === offset) i--;
      return list[i];
    }
  }
  return undefined;
}

/** Whether an entry's acronym has been introduced ("Full Name (ACR)") entirely before `offset`. */
export function isIntroducedBefore(analysis: DocumentAnalysis, entry: Entry, offset: number): boolean {
  const end = analysis.introductionEnds.get(entry.id);
  return end !== undefined && end <= offset;
}
