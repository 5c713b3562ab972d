import { isSentenceStart } from './common';
import type { BlockContext, BlockRule, RawFinding } from './types';

/**
 * Flags a malformed resolution citation. UN style writes "resolution 71/28": the word in lower
 * case before a number (except at the start of a sentence or in a heading), in full, singular
 * for one number and plural for several, and the number as session/number with a slash.
 */
export const resolutionFormat: BlockRule = {
  id: 'resolution-format',
  scope: 'block',
  defaultSeverity: 'warning',
  description: 'A malformed resolution citation ("Resolution 71/28" mid-sentence, "resolution 71-28", "res. 71/28").',
  checkBlock({ block, mentions }: BlockContext): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const mention of mentions) {
      const citation = mention.citation;
      if (!citation || citation.symbol) continue;
      const problems: string[] = [];
      let keyword = citation.keyword;
      if (citation.listIndex === 0) {
        const plural = citation.listSize > 1;
        const wanted = plural ? 'resolutions' : 'resolution';
        const lower = keyword.toLowerCase();
        if (lower === 'res' || lower === 'res.') problems.push(`"${keyword}" is written out as "${wanted}"`);
        else if (lower !== wanted) problems.push(plural ? `several numbers take "resolutions"` : `one number takes "resolution"`);
        const capitalAllowed = block.kind === 'heading' || isSentenceStart(block, mention.start);
        const capital = /^R/.test(keyword) && capitalAllowed;
        if (/^R/.test(keyword) && !capitalAllowed) problems.push(`"resolution" is lower case before a number`);
        keyword = capital ? `R${wanted.slice(1)}` : wanted;
      }
      const number = citation.number;
      if (citation.written !== number) problems.push(`the number is written "${number}"`);
      if (problems.length === 0) continue;
      const fixed = citation.listIndex === 0 ? `${keyword} ${number}` : number;
      findings.push({
        start: mention.start,
        end: mention.end,
        message: `"${mention.text}" is not a well-formed citation: ${problems.join('; ')}. Write "${fixed}".`,
        fix: { title: `Replace with "${fixed}"`, edits: [{ start: mention.start, end: mention.end, newText: fixed }] },
      });
    }
    return findings;
  },
};
