import { mentionsEnd, mentionStartingAt, type Mention } from '../analysis';
import { detached } from '../text';
import type { DocumentRule, RawFinding, RuleContext } from './types';

/**
 * Flags "Full Name (ACR)" written again after the acronym was introduced.
 *
 * Whether an expansion repeats depends on where the entry is first introduced, anywhere in the
 * document; what it says depends only on its block. So each block keeps its expansions with
 * their messages (in the block's memo), and a keystroke only compares them with the document's
 * introductions, reusing a finding while its block and the introduction it points to stay put.
 */
export const repeatedExpansion: DocumentRule = {
  id: 'repeated-expansion',
  scope: 'document',
  defaultSeverity: 'warning',
  description: 'An acronym expanded again after it was introduced; later uses should be the acronym alone.',
  check({ analysis, text }: RuleContext): RawFinding[] {
    const findings: RawFinding[] = [];
    const { blocks, mentions, memos, expansionBlocks } = analysis;
    // Only a block with a "Full Name (ACR)" can hold one.
    for (let k = 0; k < expansionBlocks.length; k++) {
      const b = expansionBlocks[k];
      const first = analysis.mentionStarts[b];
      const m = mentionsEnd(analysis, b);
      const block = blocks[b];
      let expansions = memos[b].get(MEMO) as Expansion[] | undefined;
      if (!expansions) {
        expansions = blockExpansions(mentions, first, m, text, block.start, block.end);
        memos[b].set(MEMO, expansions);
      }
      for (let i = 0; i < expansions.length; i++) {
        const finding = place(expansions[i], analysis, block.start, text);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};

const MEMO = 'repeated-expansion';

/** A "Full Name (ACR)" in a block, offsets relative to the block, with what its finding says. */
interface Expansion {
  readonly entryId: string;
  readonly start: number;
  /** Just past the ")"; undefined when the ")" lies beyond the block (found again on each check). */
  readonly end: number | undefined;
  /** Where the acronym ends, for the ")" search in that case. */
  readonly acronymEnd: number;
  readonly acronym: string;
  readonly message: string;
  /** The finding last placed, reused while its block and the introduction have not moved. */
  last?: { readonly at: number; readonly introduction: number; readonly introductionEnd: number | undefined; readonly finding: RawFinding };
}

function blockExpansions(mentions: readonly Mention[], from: number, to: number, text: string, blockStart: number, blockEnd: number): Expansion[] {
  const out: Expansion[] = [];
  for (let i = from; i < to; i++) {
    const acronym = mentions[i];
    const name = acronym.definedBy;
    if (!name || !acronym.entry || name.entry !== acronym.entry) continue;
    const close = text.indexOf(')', acronym.end);
    if (close < 0) continue;
    const inside = close < blockEnd;
    out.push({
      entryId: acronym.entry.id,
      start: name.start - blockStart,
      end: inside ? close + 1 - blockStart : undefined,
      acronymEnd: acronym.end - blockStart,
      acronym: acronym.text,
      // A copy: the memo outlives this version of the document, which a message quoting a slice of it would keep alive.
      message: inside ? detached(message(text, name.start, close, acronym.text)) : '',
    });
  }
  return out;
}

function message(text: string, start: number, close: number, acronym: string): string {
  const written = text.slice(start, close + 1).replace(/\s+/g, ' ');
  return `"${written}" expands ${acronym} again: it was introduced earlier, so write "${acronym}".`;
}

/** The finding of an expansion at `at`, or undefined when it is the introduction or comes before it. */
function place(x: Expansion, analysis: RuleContext['analysis'], at: number, text: string): RawFinding | undefined {
  const introduction = analysis.introductions.get(x.entryId);
  const start = at + x.start;
  if (introduction === undefined || introduction >= start) return undefined;
  const firstName = mentionStartingAt(analysis, introduction);
  const last = x.last;
  if (last && last.at === at && last.introduction === introduction && last.introductionEnd === firstName?.end && x.end !== undefined) return last.finding;
  let end: number;
  let said = x.message;
  if (x.end !== undefined) {
    end = at + x.end;
  } else {
    const close = text.indexOf(')', at + x.acronymEnd);
    if (close < 0) return undefined;
    end = close + 1;
    said = message(text, start, close, x.acronym);
  }
  const finding: RawFinding = {
    start,
    end,
    message: said,
    fix: { title: `Replace with "${x.acronym}"`, edits: [{ start, end, newText: x.acronym }] },
    related: firstName ? [{ start: firstName.start, end: firstName.end, message: `${x.acronym} is introduced here` }] : undefined,
  };
  x.last = { at, introduction, introductionEnd: firstName?.end, finding };
  return finding;
}
