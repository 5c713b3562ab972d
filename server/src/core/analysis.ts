import type { Block } from './markdown/blocks';
import { parseBlocks } from './markdown/blocks';
import type { Entry } from './glossary/schema';
import type { GlossaryIndex } from './glossary/glossaryIndex';
import { findMentions, type BlockMention } from './match';

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

/** The analysis of one document version: blocks, mentions and the document-order state. */
export interface DocumentAnalysis {
  readonly text: string;
  readonly blocks: readonly Block[];
  /**
   * Per block (same indices as `blocks`): a memo that lives as long as the block's prose is
   * unchanged, for block-local results such as a rule's findings (kept block-relative).
   */
  readonly memos: ReadonlyArray<Map<string, unknown>>;
  /** Every mention in document order. */
  readonly mentions: readonly Mention[];
  /** Offset of the first "Full Name (ACR)" of each entry (the name's start): where its acronym is introduced. */
  readonly introductions: ReadonlyMap<string, number>;
  /** Offset just past the acronym of each entry's first "Full Name (ACR)". */
  readonly introductionEnds: ReadonlyMap<string, number>;
  /** The first mention of each entry. */
  readonly firstMentions: ReadonlyMap<string, Mention>;
}

/**
 * Analyses documents block by block. Mentions are computed per block and cached by the
 * block's prose, so an edit recomputes only the blocks whose text changed; the document-order
 * state (first mentions, acronym introductions) is then carried down the mention list.
 * One analyser per document; it must be dropped or reset when the glossary changes.
 */
export class DocumentAnalyser {
  private cache = new Map<string, CachedBlock>();
  private index: GlossaryIndex | undefined;

  analyse(text: string, index: GlossaryIndex): DocumentAnalysis {
    if (index !== this.index) {
      this.cache = new Map();
      this.index = index;
    }
    const blocks = parseBlocks(text);
    const next = new Map<string, CachedBlock>();
    const mentions: Mention[] = [];
    const memos: Array<Map<string, unknown>> = [];
    blocks.forEach((block, b) => {
      if (block.prose === '') {
        memos.push(new Map());
        return;
      }
      // Keyed by the source text (findings quote it) and the block's shape (a heading allows title case).
      const key = `${block.kind}${block.headingLevel}${block.inList ? 'l' : ''}${block.inQuote ? 'q' : ''}\u0000${text.slice(block.start, block.end)}`;
      let cached = next.get(key) ?? this.cache.get(key);
      if (!cached) cached = { mentions: findMentions(block.prose, index), memo: new Map() };
      next.set(key, cached);
      memos.push(cached.memo);
      appendMentions(mentions, cached.mentions, block, b, text);
    });
    this.cache = next;

    const introductions = new Map<string, number>();
    const introductionEnds = new Map<string, number>();
    const firstMentions = new Map<string, Mention>();
    for (const mention of mentions) {
      const id = mention.entry?.id;
      if (!id) continue;
      if (!firstMentions.has(id)) firstMentions.set(id, mention);
      if (mention.definedBy && !introductions.has(id)) {
        introductions.set(id, mention.definedBy.start);
        introductionEnds.set(id, mention.end);
      }
    }
    return { text, blocks, memos, mentions, introductions, introductionEnds, firstMentions };
  }
}

interface CachedBlock {
  readonly mentions: readonly BlockMention[];
  readonly memo: Map<string, unknown>;
}

function appendMentions(out: Mention[], found: readonly BlockMention[], block: Block, b: number, text: string): void {
  const converted = new Map<BlockMention, Mention>();
  const convert = (m: BlockMention): Mention => {
    let mention = converted.get(m);
    if (mention) return mention;
    const start = block.start + m.start;
    const end = block.start + m.end;
    mention = {
      start, end, entry: m.entry, ref: m.ref, plural: m.plural, caseMismatch: m.caseMismatch, citation: m.citation,
      block: b, text: text.slice(start, end), expansionOf: undefined, definedBy: undefined,
    };
    converted.set(m, mention);
    return mention;
  };
  for (const m of found) out.push(convert(m));
  for (const m of found) {
    if (m.expansionOf) (convert(m) as { expansionOf: Mention | undefined }).expansionOf = convert(m.expansionOf);
    if (m.definedBy) (convert(m) as { definedBy: Mention | undefined }).definedBy = convert(m.definedBy);
  }
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

/** Whether an entry's acronym has been introduced ("Full Name (ACR)") entirely before `offset`. */
export function isIntroducedBefore(analysis: DocumentAnalysis, entry: Entry, offset: number): boolean {
  const end = analysis.introductionEnds.get(entry.id);
  return end !== undefined && end <= offset;
}
