import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, SPELLING_PROFILES } from '../../server/src/core';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/lsp/settings';
import { ROOT } from '../helpers/fixtures';

interface Property {
  default?: unknown;
  enum?: string[];
  properties?: Record<string, Property>;
  markdownDescription?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, Property>;

suite('settings', () => {
  test('package.json declares every rule with its default severity', () => {
    const declared = properties['policyLexicon.rules'].properties!;
    assert.deepEqual(Object.keys(declared), RULES.map((r) => r.id));
    for (const rule of RULES) assert.equal(declared[rule.id].default, rule.defaultSeverity, rule.id);
  });

  test('package.json defaults match what the server uses', () => {
    assert.deepEqual(properties['policyLexicon.rules'].default, DEFAULT_SETTINGS.rules);
    assert.equal(properties['policyLexicon.spelling'].default, DEFAULT_SETTINGS.spelling);
    assert.deepEqual(properties['policyLexicon.spelling'].enum, [...SPELLING_PROFILES]);
    assert.equal(properties['policyLexicon.debounceMs'].default, DEFAULT_SETTINGS.debounceMs);
    assert.deepEqual(properties['policyLexicon.glossaries'].default, DEFAULT_SETTINGS.glossaries);
    assert.equal(properties['policyLexicon.builtin'].default, DEFAULT_SETTINGS.builtin);
    assert.deepEqual(properties['policyLexicon.exclude'].default, DEFAULT_SETTINGS.exclude);
    for (const [key, value] of Object.entries(properties)) assert.ok(value.markdownDescription, `${key} has no markdownDescription`);
  });

  test('bad values fall back to their defaults with a clear problem', () => {
    const { settings, problems } = parseSettings({ rules: { 'non-canonical': 'loud', nonsense: 'off', 'near-miss': 'off' }, spelling: 'klingon', debounceMs: -3 });
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: { 'near-miss': 'off' } });
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /policyLexicon\.rules\.non-canonical must be one of off, hint, information, warning, error/);
    assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
  });
});
