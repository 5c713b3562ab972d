import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ROOT } from '../helpers/fixtures';

suite('glossary JSON schema', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'lexicon.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  test('the built-in glossary validates against the published schema', () => {
    const builtin = parse(fs.readFileSync(path.join(ROOT, 'server', 'glossary', 'builtin.lexicon.yaml'), 'utf8'));
    const valid: boolean = validate(builtin);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  test('the schema rejects what the loader rejects: unknown keys, bad kinds, bad dates', () => {
    const base = { id: 'x', kind: 'body', name: 'X', sources: [{ title: 't' }] };
    assert.equal(validate({ version: 1, terms: [{ ...base, colour: 'blue' }] }), false);
    assert.equal(validate({ version: 1, terms: [{ ...base, kind: 'gathering' }] }), false);
    assert.equal(validate({ version: 1, terms: [{ ...base, dates: { established: '20 Dec 1997' } }] }), false);
    assert.equal(validate({ version: 2, terms: [] }), false);
  });

  test('package.json contributes the schema for JSON and YAML glossaries', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '*.lexicon.json', url: './schemas/lexicon.schema.json' }]);
    assert.equal(manifest.contributes.yamlValidation[0].url, './schemas/lexicon.schema.json');
  });
});
