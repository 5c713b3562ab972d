import { mentionsEnd } from '../analysis';
import { emptyListOf } from '../lists';
import { detached } from '../text';
import type { DocumentRule, RawFinding, RuleContext } from './types';

const CAPITALS = /(?<![A-Za-z0-9\-_&])[A-Z][A-Z0-9&\-]*[A-Z0-9](?:s)?(?![A-Za-z0-9\-_&])/g;
const ROMAN = /^[IVXLCDM]+$/;

/**
 * Hints at an all-capitals token that no glossary knows and the document never expands
 * ("the XYZCERT"). Roman numerals and runs of capitalised words (a shouted heading) are not
 * acronyms. Only the first use of each token is reported.
 */
export const unknownAcronym: DocumentRule = {
  id: 'unknown-acronym',
  scope: 'document',
  defaultSeverity: 'hint',
  description: 'An all-capitals token the glossary does not know and the document never expands.',
  check({ analysis, text, index }: RuleContext): RawFinding[] {
    // Per block, memoised with the block: its candidate tokens and the acronyms it expands. Most
    // blocks have neither and share NO_FACTS, so the pass reads only their memo.
    const { blocks, memos } = analysis;
    // The first use of each candidate token, in document order: its block and the candidate.
    const seen = new Set<string>();
    const firstBlocks: number[] = [];
    const firstCandidates: Candidate[] = [];
    const expanding: BlockFacts[] = [];
    for (let b = 0; b < blocks.length; b++) {
      let facts = memos[b].get(MEMO) as BlockFacts | undefined;
      if (facts === undefined) {
        if (!blocks[b].prose) continue;
        facts = blockFacts(analysis, b, text, index);
        memos[b].set(MEMO, facts);
      }
      if (facts === NO_FACTS) continue;
      const candidates = facts.candidates;
      for (let i = 0; i < candidates.length; i++) {
        const token = candidates[i].token;
        if (seen.has(token)) continue;
        seen.add(token);
        firstBlocks.push(b);
        firstCandidates.push(candidates[i]);
      }
      if (facts.expands.length > 0) expanding.push(facts);
    }
    if (firstBlocks.length === 0) return [];
    // Only the candidates' expansions matter: most "(ACR)" in a draft are the glossary's.
    const expanded = new Set<string>();
    for (let k = 0; k < expanding.length; k++) {
      const expands = expanding[k].expands;
      for (let i = 0; i < expands.length; i++) if (seen.has(expands[i])) expanded.add(expands[i]);
    }
    const findings: RawFinding[] = [];
    for (let k = 0; k < firstBlocks.length; k++) {
      const c = firstCandidates[k];
      if (expanded.has(c.token)) continue;
      const start = blocks[firstBlocks[k]].start;
      findings.push({ start: start + c.start, end: start + c.end, message: `"${c.token}" is not in the glossary and is never expanded in this document.` });
    }
    return findings;
  },
};

/** An all-capitals token that no mention covers and the glossary does not know, block-relative. */
interface Candidate {
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

interface BlockFacts {
  /** The block's candidates, in order. */
  readonly candidates: readonly Candidate[];
  /** Tokens written "(XYZCERT)" or "XYZCERT (" in the block. */
  readonly expands: readonly string[];
}

const MEMO = 'unknown-acronym:facts';

/** The facts of a block with neither candidates nor expansions: most blocks. */
const NO_FACTS: BlockFacts = Object.freeze({ candidates: Object.freeze([]), expands: Object.freeze([]) });
const NO_CANDIDATES: readonly Candidate[] = emptyListOf<Candidate>({ token: '', start: 0, end: 0 });
const NO_EXPANDS: readonly string[] = emptyListOf('');

function blockFacts(analysis: RuleContext['analysis'], b: number, text: string, index: RuleContext['index']): BlockFacts {
  const block = analysis.blocks[b];
  const mentions = analysis.mentions.slice(analysis.mentionStarts[b], mentionsEnd(analysis, b));
  const candidates: Candidate[] = [];
  const pattern = new RegExp(CAPITALS);
  let m = 0;
  for (let match = pattern.exec(block.prose); match; match = pattern.exec(block.prose)) {
    let token = match[0];
    if (token.endsWith('s') && token.length > 2) token = token.slice(0, -1);
    if ((token.match(/[A-Z]/g) ?? []).length < 2 || ROMAN.test(token)) continue;
    const start = block.start + match.index;
    const end = start + token.length;
    while (m < mentions.length && mentions[m].end <= start) m++;
    if (m < mentions.length && mentions[m].start < end) continue;
    if (index.acronyms.has(token) || isShouting(block.prose, match.index, match[0].length)) continue;
    candidates.push({ token, start: match.index, end: match.index + token.length });
  }
  // Copies: the memo outlives this version of the document, which slices of it would keep alive.
  const source = text.slice(block.start, block.end);
  let expands: string[] | undefined;
  for (const x of source.matchAll(EXPANSION)) (expands ??= []).push(detached(x[1] ?? x[2]));
  if (candidates.length === 0 && expands === undefined) return NO_FACTS;
  // Lists of one kind for `check` (see `emptyListOf`): most blocks with facts have no expansion.
  return { candidates: candidates.length === 0 ? NO_CANDIDATES : candidates, expands: expands ?? NO_EXPANDS };
}

/** "(XYZCERT)", or "XYZCERT (" followed by its expansion. */
const EXPANSION = /\(([A-Z][A-Z0-9&\-]*[A-Z0-9])\)|(?<![A-Za-z0-9\-_&])([A-Z][A-Z0-9&\-]*[A-Z0-9]) \(/g;

/** Part of a run of three or more capitalised words. */
function isShouting(prose: string, at: number, length: number): boolean {
  const around = prose.slice(Math.max(0, at - 40), at + length + 40);
  return /(?:\b[A-Z]{2,}\b[\s,:;-]+){2,}\b[A-Z]{2,}\b/.test(around) && around.replace(/[^A-Za-z]/g, '').toUpperCase() === around.replace(/[^A-Za-z]/g, '');
}
