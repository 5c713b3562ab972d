import { RULE_IDS, SEVERITIES, SPELLING_PROFILES, type CheckOptions, type Severity, type SpellingProfile } from '../core';

/**
 * The `policyLexicon.*` settings the server reads, with their defaults. `package.json`
 * declares the same settings; `test/core/settings.test.ts` keeps the two in step.
 */
export interface Settings {
  readonly rules: Readonly<Record<string, Severity>>;
  readonly spelling: SpellingProfile;
  readonly debounceMs: number;
  /** Glossary files, in order (later wins); relative paths are resolved against the workspace folder. */
  readonly glossaries: readonly string[];
  /** Whether the built-in glossary is loaded. */
  readonly builtin: boolean;
  /** Globs of files never checked or searched for glossaries. */
  readonly exclude: readonly string[];
  /** Whether the server sends semantic tokens for glossary terms. */
  readonly semanticHighlighting: boolean;
  readonly inlayHints: {
    /** Whether an acronym used before its introduction shows its expansion as an inlay hint. */
    readonly expansions: boolean;
  };
}

export const DEFAULT_EXCLUDE: readonly string[] = Object.freeze(['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**']);

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  rules: Object.freeze({}),
  spelling: 'un',
  debounceMs: 200,
  glossaries: Object.freeze([]),
  builtin: true,
  exclude: DEFAULT_EXCLUDE,
  semanticHighlighting: true,
  inlayHints: Object.freeze({ expansions: false }),
});

/** Largest debounce accepted; a larger value is clamped. */
const MAX_DEBOUNCE_MS = 5000;

/**
 * Turns whatever the client sent into valid settings. A bad value falls back to its default
 * and is reported once as a problem; it never stops the server.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const section = isObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isObject(raw)) problems.push('policyLexicon settings must be an object');

  const rules: Record<string, Severity> = {};
  if (section.rules !== undefined && section.rules !== null) {
    if (!isObject(section.rules)) problems.push('policyLexicon.rules must be an object of rule id -> off | hint | information | warning | error');
    else {
      for (const [id, value] of Object.entries(section.rules)) {
        if (!RULE_IDS.includes(id)) problems.push(`policyLexicon.rules: unknown rule "${id}" (known: ${RULE_IDS.join(', ')})`);
        else if (typeof value !== 'string' || !(SEVERITIES as readonly string[]).includes(value)) problems.push(`policyLexicon.rules.${id} must be one of ${SEVERITIES.join(', ')}`);
        else rules[id] = value as Severity;
      }
    }
  }

  let spelling = DEFAULT_SETTINGS.spelling;
  if (section.spelling !== undefined && section.spelling !== null) {
    if (typeof section.spelling === 'string' && (SPELLING_PROFILES as readonly string[]).includes(section.spelling)) spelling = section.spelling as SpellingProfile;
    else problems.push(`policyLexicon.spelling must be one of ${SPELLING_PROFILES.join(', ')}`);
  }

  let debounceMs = DEFAULT_SETTINGS.debounceMs;
  if (section.debounceMs !== undefined && section.debounceMs !== null) {
    if (typeof section.debounceMs === 'number' && Number.isFinite(section.debounceMs) && section.debounceMs >= 0) debounceMs = Math.min(section.debounceMs, MAX_DEBOUNCE_MS);
    else problems.push('policyLexicon.debounceMs must be a number of milliseconds (0 or more)');
  }
  const stringList = (key: 'glossaries' | 'exclude'): readonly string[] => {
    const value = section[key];
    if (value === undefined || value === null) return DEFAULT_SETTINGS[key];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    problems.push(`policyLexicon.${key} must be a list of strings`);
    return DEFAULT_SETTINGS[key];
  };
  const glossaries = stringList('glossaries');
  const exclude = stringList('exclude');
  let builtin = DEFAULT_SETTINGS.builtin;
  if (section.builtin !== undefined && section.builtin !== null) {
    if (typeof section.builtin === 'boolean') builtin = section.builtin;
    else problems.push('policyLexicon.builtin must be true or false');
  }
  const boolean = (value: unknown, key: string, fallback: boolean): boolean => {
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    problems.push(`policyLexicon.${key} must be true or false`);
    return fallback;
  };
  const semanticHighlighting = boolean(section.semanticHighlighting, 'semanticHighlighting', DEFAULT_SETTINGS.semanticHighlighting);
  let inlayHints = DEFAULT_SETTINGS.inlayHints;
  if (section.inlayHints !== undefined && section.inlayHints !== null) {
    if (isObject(section.inlayHints)) {
      inlayHints = { expansions: boolean(section.inlayHints.expansions, 'inlayHints.expansions', DEFAULT_SETTINGS.inlayHints.expansions) };
    } else problems.push('policyLexicon.inlayHints must be an object such as { "expansions": true }');
  }
  return { settings: { rules, spelling, debounceMs, glossaries, builtin, exclude, semanticHighlighting, inlayHints }, problems };
}

export function checkOptions(settings: Settings): CheckOptions {
  return { rules: settings.rules, spelling: settings.spelling };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
