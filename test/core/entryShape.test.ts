import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compiledGlossary } from '../../server/src/builtin';
import { entryOf, loadGlossary, loadTbx, variantOf, type Glossary } from '../../server/src/core';
import { readFixture, ROOT } from '../helpers/fixtures';

/**
 * Entries and variants from every loader have the same fields in the same order as `entryOf`
 * and `variantOf` make them, so that V8 gives them one hidden class each (schema.ts). Absent
 * fields are present as undefined: the compiled built-in glossary is JSON, which drops them.
 */
suite('entry shape', () => {
  const ENTRY_KEYS = Object.keys(
    entryOf({
      id: 'x',
      kind: 'body',
      name: 'X',
      expand: false,
      accepted: [],
      variants: [],
      dates: {},
      sources: [],
      related: [],
      origin: { glossary: 'g', label: 'g', line: 0, character: 0 },
    }),
  );
  const VARIANT_KEYS = Object.keys(variantOf({ text: 'x', status: 'deprecated' }));

  function assertShapes(glossary: Glossary | undefined, variants: number): void {
    assert.ok(glossary && glossary.entries.length > 0);
    let seen = 0;
    for (const entry of glossary.entries) {
      assert.deepEqual(Object.keys(entry), ENTRY_KEYS, entry.id);
      for (const variant of entry.variants) {
        assert.deepEqual(Object.keys(variant), VARIANT_KEYS, `${entry.id}: ${variant.text}`);
        seen++;
      }
    }
    assert.ok(seen >= variants, `only ${seen} variants`);
  }

  const YAML = [
    'version: 1',
    'terms:',
    '  - id: arf',
    '    kind: forum',
    '    name: ASEAN Regional Forum',
    '    acronym: ARF',
    '    variants:',
    '      - Asean Regional Forum',
    '      - text: ASEAN Regional Form',
    '        reason: a typo',
    '  - id: plain',
    '    kind: concept',
    '    name: Confidence-building measures',
    '',
  ].join('\n');
  const JSON_TEXT = JSON.stringify({
    version: 1,
    terms: [
      { id: 'arf', kind: 'forum', name: 'ASEAN Regional Forum', acronym: 'ARF', variants: ['Asean Regional Forum', { text: 'ASEAN Regional Form', reason: 'a typo' }] },
      { id: 'plain', kind: 'concept', name: 'Confidence-building measures' },
    ],
  });

  test('a YAML glossary', () => assertShapes(loadGlossary(YAML, '/g/a.lexicon.yaml', 'a.lexicon.yaml').glossary, 2));
  test('a JSON glossary, read without a tree and with one', () => {
    assertShapes(loadGlossary(JSON_TEXT, '/g/a.lexicon.json', 'a.lexicon.json').glossary, 2);
    assertShapes(loadGlossary(JSON_TEXT, '/g/a.lexicon.json', 'a.lexicon.json', 'tree').glossary, 2);
  });
  test('a TBX glossary', () => assertShapes(loadTbx(readFixture('glossaries', 'team.tbx'), '/g/team.tbx', 'team.tbx').glossary, 1));
  test('the built-in glossary, as start-up reads it: the JSON the build wrote beside the YAML', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-shape-'));
    try {
      const yaml = path.join(dir, 'builtin.lexicon.yaml');
      fs.copyFileSync(path.join(ROOT, 'dist', 'builtin.lexicon.yaml'), yaml);
      fs.copyFileSync(path.join(ROOT, 'dist', 'builtin.glossary.json'), path.join(dir, 'builtin.glossary.json'));
      const compiled = compiledGlossary(yaml);
      assert.ok(compiled, 'the compiled glossary was read');
      assertShapes(compiled, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
