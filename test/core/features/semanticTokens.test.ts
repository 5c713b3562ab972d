import * as assert from 'node:assert/strict';
import { doc, miniService } from '../../helpers/fixtures';

suite('semantic tokens', () => {
  const service = miniService();
  /** Each token as [text it covers, type, modifiers]. */
  const tokensOf = (text: string) => {
    const d = doc(text);
    const lines = text.split(/\r?\n/);
    return service.semanticTokens(d).map((t) => [lines[t.line].slice(t.character, t.character + t.length), t.type, t.modifiers.join(',')]);
  };

  test('names, acronyms and resolution citations get their types, in document order', () => {
    assert.deepEqual(tokensOf('The ASEAN Ministerial Meeting on Transnational Crime (AMMTC) recalled resolution 71/28 and A/RES/70/237.'), [
      ['ASEAN Ministerial Meeting on Transnational Crime', 'policyTerm', ''],
      ['AMMTC', 'policyAcronym', 'declaration'],
      ['71/28', 'policyResolution', ''],
      ['A/RES/70/237', 'policyResolution', ''],
    ]);
  });

  test('a variant is marked deprecated; a misspelt acronym is still an acronym', () => {
    assert.deepEqual(tokensOf('The ASEAN Ministerial Meeting on Transnational Crimes and the ADMM Plus.'), [
      ['ASEAN Ministerial Meeting on Transnational Crimes', 'policyTerm', 'deprecated'],
      ['ADMM Plus', 'policyAcronym', 'deprecated'],
    ]);
  });

  test('a name wrapped over lines gives one token per line, without the indentation', () => {
    const text = '- the ASEAN Ministerial Meeting on\r\n  Transnational Crime met';
    assert.deepEqual(tokensOf(text), [
      ['ASEAN Ministerial Meeting on', 'policyTerm', ''],
      ['Transnational Crime', 'policyTerm', ''],
    ]);
  });

  test('columns are UTF-16 code units, and nothing in code is a token', () => {
    const d = doc('😀 — AMMTC\n\n`AMMTC`\n\n```\nAMMTC\n```\n');
    assert.deepEqual(service.semanticTokens(d), [{ line: 0, character: 5, length: 5, type: 'policyAcronym', modifiers: [] }]);
  });
});
