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
    const findings: RawFinding[] = [];
    const seen = new Set<string>();
    const mentions = analysis.mentions;
    let m = 0;
    for (const block of analysis.blocks) {
      if (!block.prose) continue;
      const pattern = new RegExp(CAPITALS);
      for (let match = pattern.exec(block.prose); match; match = pattern.exec(block.prose)) {
        let token = match[0];
        if (token.endsWith('s') && token.length > 2) token = token.slice(0, -1);
        if ((token.match(/[A-Z]/g) ?? []).length < 2 || ROMAN.test(token) || seen.has(token)) continue;
        const start = block.start + match.index;
        const end = start + token.length;
        while (m < mentions.length && mentions[m].end <= start) m++;
        if (m < mentions.length && mentions[m].start < end) continue;
        if (index.acronyms.has(token) || isShouting(block.prose, match.index, match[0].length)) continue;
        seen.add(token);
        if (isExpandedIn(text, token)) continue;
        findings.push({
          start,
          end,
          message: `"${token}" is not in the glossary and is never expanded in this document.`,
        });
      }
    }
    return findings;
  },
};

/** "(XYZCERT)" somewhere, or "XYZCERT (" followed by its expansion. */
function isExpandedIn(text: string, token: string): boolean {
  return text.includes(`(${token})`) || text.includes(`${token} (`);
}

/** Part of a run of three or more capitalised words. */
function isShouting(prose: string, at: number, length: number): boolean {
  const around = prose.slice(Math.max(0, at - 40), at + length + 40);
  return /(?:\b[A-Z]{2,}\b[\s,:;-]+){2,}\b[A-Z]{2,}\b/.test(around) && around.replace(/[^A-Za-z]/g, '').toUpperCase() === around.replace(/[^A-Za-z]/g, '');
}
