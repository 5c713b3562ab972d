import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, SPELLING_PROFILES } from '../../server/src/core';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/lsp/settings';
import { ROOT } from '../helpers/fixtures';

interface Property {
  type?: string;
  default?: unknown;
  enum?: string[];
  enumDescriptions?: string[];
  properties?: Record<string, Property>;
  markdownDescription?: string;
  scope?: string;
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

  test('package.json declares exactly the settings the server reads, with the same defaults', () => {
    // Settings the server reads, flattened to their dotted names ("inlayHints.expansions").
    const flatten = (value: object, prefix = ''): Array<[string, unknown]> =>
      Object.entries(value).flatMap(([key, v]) =>
        typeof v === 'object' && v !== null && !Array.isArray(v) && key !== 'rules' ? flatten(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v] as [string, unknown]],
      );
    const serverSide = Object.fromEntries(flatten(DEFAULT_SETTINGS).map(([key, v]) => [`policyLexicon.${key}`, v]));
    // The client reads trace.server itself (vscode-languageclient traces the protocol).
    const clientSide = ['policyLexicon.trace.server'];
    assert.deepEqual(Object.keys(properties).filter((k) => !clientSide.includes(k)).sort(), Object.keys(serverSide).sort());
    for (const [key, value] of Object.entries(serverSide)) assert.deepEqual(properties[key].default, value, key);
  });

  test('every setting has a scope, a description, and a description for each enum value', () => {
    const scopes: Record<string, string> = { 'policyLexicon.trace.server': 'window' };
    for (const [key, value] of Object.entries(properties)) {
      assert.equal(value.scope, scopes[key] ?? 'resource', `${key} scope`);
      assert.ok(value.markdownDescription && value.markdownDescription.length > 20, `${key} has a markdownDescription`);
      for (const property of [value, ...Object.values(value.properties ?? {})]) {
        if (property.enum) assert.equal(property.enumDescriptions?.length, property.enum.length, `${key}: one enumDescription per enum value`);
      }
    }
  });

  test('semanticHighlighting and inlayHints.expansions are read as booleans; a wrong type keeps the default', () => {
    assert.deepEqual(parseSettings({ semanticHighlighting: false, inlayHints: { expansions: true } }).settings, {
      ...DEFAULT_SETTINGS,
      semanticHighlighting: false,
      inlayHints: { expansions: true },
    });
    const { settings, problems } = parseSettings({ semanticHighlighting: 'no', inlayHints: { expansions: 1 } });
    assert.equal(settings.semanticHighlighting, true);
    assert.equal(settings.inlayHints.expansions, false);
    assert.deepEqual(problems, ['policyLexicon.semanticHighlighting must be true or false', 'policyLexicon.inlayHints.expansions must be true or false']);
    assert.deepEqual(parseSettings({ inlayHints: true }).problems, ['policyLexicon.inlayHints must be an object such as { "expansions": true }']);
  });

  test('bad values fall back to their defaults with a clear problem', () => {
    const { settings, problems } = parseSettings({ rules: { 'non-canonical': 'loud', nonsense: 'off', 'near-miss': 'off' }, spelling: 'klingon', debounceMs: -3 });
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: { 'near-miss': 'off' } });
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /policyLexicon\.rules\.non-canonical must be one of off, hint, information, warning, error/);
    assert.deepEqual(parseSettings(undefined), { settings: DEFAULT_SETTINGS, problems: [] });
  });
});
