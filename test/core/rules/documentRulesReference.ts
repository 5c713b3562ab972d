/**
 * The check loops of undefined-acronym and inconsistent-form as they were before the rules read
 * each entry's mentions (`analysis.entryMentions`) instead of walking every mention (commit
 * b97e90b), kept as the references the rules are compared with
 * (documentRulesDifferential.test.ts). Only the walk is kept: the findings it makes and the tests
 * it applies are the rules' own. Not shipped.
 */
import type { Mention } from '../../../server/src/core/analysis';
import { entriesWithTwoSpellings, inconsistency, spellingKey } from '../../../server/src/core/rules/inconsistentForm';
import type { RawFinding, RuleContext } from '../../../server/src/core/rules/types';
import { isAcronymUse, isParenthesisedAfterWords, pairedOnItsLine, usedBeforeIntroduced } from '../../../server/src/core/rules/undefinedAcronym';
import { formKey } from '../../../server/src/core/text';

export function undefinedAcronymReference({ analysis, text }: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  const done = new Set<string>();
  const mentions = analysis.mentions;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i];
    const entry = mention.entry;
    if (!entry || !entry.expand || done.has(entry.id) || !isAcronymUse(mention)) continue;
    const introducedAt = analysis.introductions.get(entry.id);
    if (mention.definedBy || (introducedAt !== undefined && introducedAt < mention.start)) {
      done.add(entry.id);
      continue;
    }
    if (isParenthesisedAfterWords(text, mention.start, mention.end)) {
      done.add(entry.id);
      continue;
    }
    if (pairedOnItsLine(analysis.mentions, mention, text, analysis.blocks[mention.block].kind === 'table' || analysis.blocks[mention.block].inList)) {
      done.add(entry.id);
      continue;
    }
    done.add(entry.id);
    findings.push(usedBeforeIntroduced(analysis, mention, entry));
  }
  return findings;
}

export function inconsistentFormReference({ analysis, index }: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  const candidates = entriesWithTwoSpellings(index);
  if (candidates.size === 0) return findings;
  // Entry id -> spelling key -> first mention written that way.
  const first = new Map<string, Map<string, Mention>>();
  const mentions = analysis.mentions;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i];
    const ref = mention.ref;
    if (!ref || !mention.entry || ref.type === 'variant' || !candidates.has(mention.entry)) continue;
    let forms = first.get(mention.entry.id);
    if (!forms) first.set(mention.entry.id, (forms = new Map()));
    const key = spellingKey(ref.text);
    const earlier = forms.get(key);
    if (!earlier) {
      forms.set(key, mention);
      continue;
    }
    if (earlier.ref!.text === ref.text || formKey(earlier.ref!.text) === formKey(ref.text)) continue;
    findings.push(inconsistency(analysis, mention, earlier));
  }
  return findings;
}
