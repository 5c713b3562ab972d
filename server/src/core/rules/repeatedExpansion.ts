import { mentionStartingAt } from '../analysis';
import type { DocumentRule, RawFinding, RuleContext } from './types';

/** Flags "Full Name (ACR)" written again after the acronym was introduced. */
export const repeatedExpansion: DocumentRule = {
  id: 'repeated-expansion',
  scope: 'document',
  defaultSeverity: 'warning',
  description: 'An acronym expanded again after it was introduced; later uses should be the acronym alone.',
  check({ analysis, text }: RuleContext): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const acronym of analysis.mentions) {
      const name = acronym.definedBy;
      const entry = acronym.entry;
      if (!name || !entry || name.entry !== entry) continue;
      const first = analysis.introductions.get(entry.id);
      if (first === undefined || first >= name.start) continue;
      const close = text.indexOf(')', acronym.end);
      if (close < 0) continue;
      const firstName = mentionStartingAt(analysis, first);
      const written = text.slice(name.start, close + 1).replace(/\s+/g, ' ');
      findings.push({
        start: name.start,
        end: close + 1,
        message: `"${written}" expands ${acronym.text} again: it was introduced earlier, so write "${acronym.text}".`,
        fix: { title: `Replace with "${acronym.text}"`, edits: [{ start: name.start, end: close + 1, newText: acronym.text }] },
        related: firstName ? [{ start: firstName.start, end: firstName.end, message: `${acronym.text} is introduced here` }] : undefined,
      });
    }
    return findings;
  },
};
