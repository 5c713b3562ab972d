import { sessionLabel } from '../describe';
import type { BlockContext, BlockRule, RawFinding } from './types';

/** Notes a well-formed citation of a resolution that no loaded glossary knows. */
export const unknownResolution: BlockRule = {
  id: 'unknown-resolution',
  scope: 'block',
  defaultSeverity: 'information',
  description: 'A citation of a resolution that is not in the glossary: check the number.',
  checkBlock({ mentions }: BlockContext): RawFinding[] {
    return mentions
      .filter((m) => m.citation && !m.entry)
      .map((m) => ({
        start: m.start,
        end: m.end,
        message: `Resolution ${m.citation!.number} is not in the glossary (${sessionLabel(m.citation!.session)}): check the number, or add it to a glossary.`,
      }));
  },
};
