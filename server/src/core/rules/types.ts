import type { DocumentAnalysis, Mention } from '../analysis';
import type { Block } from '../markdown/blocks';
import type { GlossaryIndex } from '../glossary/glossaryIndex';

/** How loudly a rule reports; `off` disables it. */
export type Severity = 'off' | 'hint' | 'information' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['off', 'hint', 'information', 'warning', 'error'];

/** House spelling profile: UN (Oxford: -ize, programme, defence, centre), British -ise, American, or no spelling checks. */
export type SpellingProfile = 'un' | 'en-GB' | 'en-US' | 'off';
export const SPELLING_PROFILES: readonly SpellingProfile[] = ['un', 'en-GB', 'en-US', 'off'];

/** What a check call needs besides the document: rule severities and the house spelling. */
export interface CheckOptions {
  /** Severity per rule id; a rule not listed keeps its default. */
  readonly rules: Readonly<Record<string, Severity | undefined>>;
  readonly spelling: SpellingProfile;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = Object.freeze({ rules: {}, spelling: 'un' });

/** A replacement of [start, end) (document offsets) by `newText`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A fix is data: a title and the edits that apply it. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly Edit[];
}

/** A place a finding refers to ("first defined here"). */
export interface Related {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** A finding as a rule produces it (offsets; the runner adds severity and positions). */
export interface RawFinding {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** The fix with the right answer, if there is one. */
  readonly fix?: Fix;
  readonly related?: readonly Related[];
}

export interface RuleContext {
  readonly text: string;
  readonly analysis: DocumentAnalysis;
  readonly index: GlossaryIndex;
  readonly options: CheckOptions;
}

/** What a block-local rule sees: one block and its mentions (document offsets). */
export interface BlockContext extends RuleContext {
  readonly block: Block;
  readonly blockIndex: number;
  readonly mentions: readonly Mention[];
}

interface RuleBase {
  /** Stable id: the diagnostic code and the key in `policyLexicon.rules`. */
  readonly id: string;
  readonly defaultSeverity: Exclude<Severity, 'off'>;
  /** One sentence for settings and docs: what the rule flags. */
  readonly description: string;
}

/**
 * A rule whose findings in a block depend only on that block: its findings are cached with
 * the block and recomputed only when the block's text changes.
 */
export interface BlockRule extends RuleBase {
  readonly scope: 'block';
  /** Options the result depends on (part of the cache key). */
  readonly optionsKey?: (options: CheckOptions) => string;
  checkBlock(context: BlockContext): RawFinding[];
}

/** A rule that follows the document order (acronym introductions, first-used forms). */
export interface DocumentRule extends RuleBase {
  readonly scope: 'document';
  check(context: RuleContext): RawFinding[];
}

export type Rule = BlockRule | DocumentRule;
