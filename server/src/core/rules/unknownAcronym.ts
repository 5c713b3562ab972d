import { mentionsEnd } from '../analysis';
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
    // Per block, memoised with the block: its candidate tokens and the acronyms it expands.
    const { blocks } = analysis;
    const perBlock: Array<BlockFacts | undefined> = new Array(blocks.length);
    // The first use of each candidate token, in document order, as (block, candidate) index pairs.
    const seen = new Set<string>();
    const firsts: number[] = [];
    for (let b = 0; b < blocks.length; b++) {
      if (!blocks[b].prose) continue;
      const facts = (perBlock[b] = blockFacts(analysis, b, analysis.mentionStarts[b], mentionsEnd(analysis, b), text, index));
      for (let i = 0; i < facts.candidates.length; i++) {
        const token = facts.candidates[i].token;
        if (seen.has(token)) continue;
        seen.add(token);
        firsts.push(b, i);
      }
    }
    if (firsts.length === 0) return [];
    // Only the candidates' expansions matter: most "(ACR)" in a draft are the glossary's.
    const expanded = new Set<string>();
    for (let b = 0; b < perBlock.length; b++) {
      const expands = perBlock[b]?.expands;
      if (expands) for (let i = 0; i < expands.length; i++) if (seen.has(expands[i])) expanded.add(expands[i]);
    }
    const findings: RawFinding[] = [];
    for (let k = 0; k < firsts.length; k += 2) {
      const c = perBlock[firsts[k]]!.candidates[firsts[k + 1]];
      if (expanded.has(c.token)) continue;
      const start = blocks[firsts[k]].start;
      findings.push({ start: start + c.start, end: start + c.end, message: `"${c.token}" is not in the glossary and is never expanded in this document.` });
    }
    return findings;
  },
};

interface BlockFacts {
  /** All-capitals tokens that no mention covers and the glossary does not know, block-relative, in order. */
  readonly candidates: ReadonlyArray<{ readonly token: string; readonly start: number; readonly end: number }>;
  /** Tokens written "(XYZCERT)" or "XYZCERT (" in the block. */
  readonly expands: readonly string[];
}

const MEMO = 'unknown-acronym:facts';

/** `from`..`to`: the block's mentions in `analysis.mentions`. */
function blockFacts(analysis: RuleContext['analysis'], b: number, from: number, to: number, text: string, index: RuleContext['index']): BlockFacts {
  const memo = analysis.memos[b];
  const cached = memo.get(MEMO) as BlockFacts | undefined;
  if (cached) return cached;
  const block = analysis.blocks[b];
  const mentions = analysis.mentions.slice(from, to);
  const candidates: Array<{ token: string; start: number; end: number }> = [];
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
  const expands = [...source.matchAll(EXPANSION)].map((x) => detached(x[1] ?? x[2]));
  const facts = { candidates, expands };
  memo.set(MEMO, facts);
  return facts;
}

/** "(XYZCERT)", or "XYZCERT (" followed by its expansion. */
const EXPANSION = /\(([A-Z][A-Z0-9&\-]*[A-Z0-9])\)|(?<![A-Za-z0-9\-_&])([A-Z][A-Z0-9&\-]*[A-Z0-9]) \(/g;

/** Part of a run of three or more capitalised words. */
function isShouting(prose: string, at: number, length: number): boolean {
  const around = prose.slice(Math.max(0, at - 40), at + length + 40);
  return /(?:\b[A-Z]{2,}\b[\s,:;-]+){2,}\b[A-Z]{2,}\b/.test(around) && around.replace(/[^A-Za-z]/g, '').toUpperCase() === around.replace(/[^A-Za-z]/g, '');
}
