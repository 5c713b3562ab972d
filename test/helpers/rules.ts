import { applyEdits, RULE_IDS, type CheckOptions, type Finding, type LexiconService, type SpellingProfile } from '../../server/src/core';
import { builtinService, doc } from './fixtures';

let shared: LexiconService | undefined;

/** Options with only `rule` enabled (at its default severity). */
export function only(rule: string, spelling: SpellingProfile = 'un'): CheckOptions {
  return { rules: Object.fromEntries(RULE_IDS.filter((id) => id !== rule).map((id) => [id, 'off' as const])), spelling };
}

/** The findings of one rule on a Markdown snippet, with the built-in glossary. */
export function findings(rule: string, text: string, spelling: SpellingProfile = 'un'): Finding[] {
  shared ??= builtinService();
  return shared.diagnose(doc(text), only(rule, spelling));
}

/** [flagged text, message] pairs. */
export function flagged(rule: string, text: string, spelling: SpellingProfile = 'un'): string[] {
  return findings(rule, text, spelling).map((f) => text.slice(f.start, f.end));
}

/** The text after applying every fix of one rule (one round). */
export function fixed(rule: string, text: string, spelling: SpellingProfile = 'un'): string {
  const edits = findings(rule, text, spelling).flatMap((f) => f.fix?.edits ?? []);
  return applyEdits(text, edits);
}
