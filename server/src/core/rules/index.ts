import { inconsistentForm } from './inconsistentForm';
import { nearMiss } from './nearMiss';
import { nonCanonical } from './nonCanonical';
import { repeatedExpansion } from './repeatedExpansion';
import { resolutionFormat } from './resolutionFormat';
import { spellingVariant } from './spellingVariant';
import type { Rule } from './types';
import { undefinedAcronym } from './undefinedAcronym';
import { unknownAcronym } from './unknownAcronym';
import { unknownResolution } from './unknownResolution';
import { wrongExpansion } from './wrongExpansion';

/**
 * The rule table. A rule's id is its diagnostic code and its key in `policyLexicon.rules`;
 * adding a rule means adding its file and a line here, nothing in the server or the client.
 */
export const RULES: readonly Rule[] = [
  nonCanonical,
  nearMiss,
  undefinedAcronym,
  repeatedExpansion,
  wrongExpansion,
  inconsistentForm,
  resolutionFormat,
  unknownResolution,
  spellingVariant,
  unknownAcronym,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
