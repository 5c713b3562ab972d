import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { loadGlossary } from '../../server/src/core';
import { parseJsonTree } from '../../server/src/core/glossary/json';
import { loadCleanJson } from '../../server/src/core/glossary/load';
import { glossaryObject } from '../fuzz/glossaries';
import { readFixture } from '../helpers/fixtures';
import { checkProperty, propertyTimeout } from '../helpers/property';

/**
 * JSON glossaries are read by a fast parser into the tree `yaml` would build: whatever JSON it
 * takes, the entries and every problem, with its position, are what the YAML way gives; what it
 * does not take (broken JSON, duplicate keys, very long keys) goes the YAML way; nesting deeper than a
 * glossary needs is refused before either runs. JSON with no problem at all is read without a tree
 * (`loadCleanJson`): it must give what the YAML way gives, and step aside for anything that is reported.
 */
const ORIGIN = '/json/terms.lexicon.json';
/** The clean path against the tree it replaces on the happy path (`tree`: the loader before it). */
const viaTree = (text: string) => [loadGlossary(text, ORIGIN, 'terms.lexicon.json'), loadGlossary(text, ORIGIN, 'terms.lexicon.json', 'tree')] as const;
const both = (text: string) => [loadGlossary(text, ORIGIN, 'terms.lexicon.json'), loadGlossary(text, ORIGIN, 'terms.lexicon.json', 'yaml')] as const;

function assertSame(text: string): void {
  const [fast, yaml] = both(text);
  assert.deepEqual(fast, yaml);
}

suite('JSON glossaries', function () {
  this.timeout(propertyTimeout(60000));

  test('random glossaries, well-formed or with schema problems, load as the YAML parser loads them', () => {
    checkProperty(
      fc.property(glossaryObject, fc.constantFrom<string | number | undefined>(undefined, 0, 2, '\t', ' '), fc.boolean(), (object, indent, crlf) => {
        let text = JSON.stringify(object, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (indent !== undefined) assert.ok(parseJsonTree(text), 'the fast parser took well-formed JSON');
        assertSame(text);
      }),
      300,
    );
  });

  // Clean glossaries: every field well-formed, with unicode (non-BMP, combining, RTL marks), escapes,
  // CRLF, a BOM and any indentation, so that the clean path takes them.
  const cleanString = fc.oneof(
    fc.constantFrom('ASEAN Regional Forum', 'ARF', "Ministers' Meeting", '😀 Summit', '中文名称', 'e\u0301', '\u202E x', 'a\\b "q" /s', 'x\ty', '\u2028'),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }),
  ).filter((t) => t.trim() !== '');
  const cleanEntry = fc.record(
    {
      id: fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/),
      kind: fc.constantFrom('body', 'forum', 'meeting', 'resolution', 'concept'),
      name: fc.oneof(cleanString, fc.integer({ min: 0, max: 99 })),
      acronym: fc.oneof(cleanString, fc.constant(null), fc.constant(' ')),
      expand: fc.boolean(),
      accepted: fc.oneof(fc.array(cleanString, { maxLength: 3 }), fc.constant(null)),
      variants: fc.array(fc.oneof(cleanString, fc.record({ text: cleanString, reason: cleanString, status: fc.constantFrom('deprecated', 'superseded'), replacement: cleanString }, { requiredKeys: ['text'] })), { maxLength: 3 }),
      definition: cleanString,
      dates: fc.record({ established: fc.constantFrom('1997-12-20', '2019', '2019-11'), adopted: fc.constantFrom(2016, '2018-01-31') }, { requiredKeys: [] }),
      sources: fc.array(fc.oneof(fc.record({ title: cleanString, url: cleanString }, { requiredKeys: ['title'] }), fc.record({ statement: cleanString, paragraph: fc.integer({ min: 1, max: 9 }) }, { requiredKeys: ['statement'] })), { maxLength: 2 }),
      number: fc.constantFrom('71/28', 71),
      related: fc.array(fc.constantFrom('a', 'b-c'), { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'kind', 'name'] },
  );
  const cleanGlossary = fc.uniqueArray(cleanEntry, { selector: (e) => e.id, maxLength: 8 }).map((terms) => ({ version: 1, terms }));
  const writeJson = (object: unknown, indent: string | number | undefined, eol: string, bom: boolean) => {
    const text = JSON.stringify(object, null, indent).replace(/\n/g, eol);
    return bom ? `\uFEFF${text}` : text;
  };
  const layout = [fc.constantFrom<string | number | undefined>(undefined, 0, 2, '\t', ' '), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()] as const;

  test('clean glossaries take the clean path and load as the YAML parser loads them, positions included', () => {
    checkProperty(
      fc.property(cleanGlossary, ...layout, (object, indent, eol, bom) => {
        const text = writeJson(object, indent, eol, bom);
        const [fast, tree] = viaTree(text);
        assert.deepEqual(fast, tree);
        // With a BOM the loader before read JSON as YAML, and with a lone CR that reports problems: the clean path steps aside.
        if (bom && eol === '\r' && indent !== undefined) return;
        assert.ok(loadCleanJson(text, ORIGIN, 'terms.lexicon.json'), 'the clean path took a clean glossary');
        assert.deepEqual(tree.problems, []);
        // YAML takes a lone CR for no line break; the JSON parsers do.
        if (!bom && eol !== '\r') assert.deepEqual(fast, both(text)[1]);
      }),
      300,
    );
  });

  test('clean glossaries broken in one place: the problem is reported as the YAML parser reports it', () => {
    // A duplicate key, a wrong type or value, an unknown key, a repeated id, a cut, or a character changed.
    const breakText = (text: string, how: number, at: number) => {
      const i = Math.floor(at * text.length);
      switch (how) {
        case 0: return text.replace(/"kind":/, '"kind":"body","kind":');
        case 1: return text.replace(/"name":\s*"/, '"name":["');
        case 2: return text.replace(/"id":/, '"extra":1,"id":');
        case 3: return text.replace(/("id":\s*)"[^"]*"/g, '$1"same"');
        case 4: return text.slice(0, i);
        case 5: return text.slice(0, i) + ['}', '"', ',', '\\', '\u0000', '[', ':'][i % 7] + text.slice(i + 1);
        case 6: return text.replace(/"expand":\s*(true|false)/, '"expand":"yes"');
        case 7: return text.replace(/"text":/, '"extra":1,"text":');
        case 8: return text.replace(/"paragraph":\s*\d/, '"paragraph":0');
        default: return text.replace(/"established":/, '"ended":');
      }
    };
    checkProperty(
      fc.property(cleanGlossary, ...layout, fc.integer({ min: 0, max: 9 }), fc.double({ min: 0, max: 1, noNaN: true }), (object, indent, eol, bom, how, at) => {
        const text = breakText(writeJson(object, indent, eol, bom), how, at);
        const [fast, tree] = viaTree(text);
        assert.deepEqual(fast, tree);
        if (tree.problems.length > 0) assert.equal(loadCleanJson(text, ORIGIN, 'terms.lexicon.json'), undefined);
      }),
      300,
    );
  });

  test('escaped keys, and `terms` or `id` keys elsewhere, do not mislead the position scan', () => {
    for (const text of [
      '{"version":1,"terms":[{"\\u0069d":"a","kind":"body","name":"A"}]}',
      '{"version":1,"t\\u0065rms":[],"terms":[{"id":"a","kind":"body","name":"A"}]}',
      '{"terms":[{"kind":"body","name":"A","id":"a","dates":{}},\r\n {"name":"id","id":"b","kind":"body"}],"version":1}',
      '{"version":1,"terms":[{"id":"a","kind":"body","name":"A","sources":[{"title":"T","id":"x","terms":[]}]},{"id":"b","kind":"body","name":"\\"id\\":"}]}',
      '\uFEFF\r\n{"version":1,\r"terms":[\n{"id":"a","kind":"body","name":"😀"},{"id":"b","kind":"body","name":"B"}]}',
    ]) {
      const [fast, tree] = viaTree(text);
      assert.deepEqual(fast, tree);
    }
    assert.ok(loadCleanJson('{"version":1,"terms":[{"id":"a","kind":"body","name":"A","sources":[{"title":"T","id":"x","terms":[]}]},{"id":"b","kind":"body","name":"\\"id\\":"}]}', ORIGIN, 'x'));
  });

  test('the built-in glossary written as JSON loads the same both ways', () => {
    const [yaml] = [loadGlossary(readFixture('glossaries', 'mini.lexicon.yaml'), ORIGIN, 'mini')];
    const object = { version: 1, terms: yaml.glossary!.entries.map(({ origin: _origin, ...rest }) => JSON.parse(JSON.stringify(rest))) };
    assertSame(JSON.stringify(object, null, 2));
    assertSame(JSON.stringify(object));
  });

  const hostile: Array<[string, string]> = [
    ['duplicate keys', '{"version":1,"terms":[{"id":"a","id":"b","kind":"body","name":"A"}]}'],
    ['__proto__ keys', '{"version":1,"__proto__":{"polluted":true},"terms":[{"id":"a","kind":"body","name":"A","__proto__":{"x":1}}]}'],
    ['a huge string', `{"version":1,"terms":[{"id":"a","kind":"body","name":"${'x'.repeat(200_000)}"}]}`],
    ['a huge key', `{"version":1,"terms":[{"id":"a","kind":"body","name":"A","${'k'.repeat(2000)}":1}]}`],
    ['a trailing comma', '{"version":1,"terms":[],}'],
    ['a comment', '{"version":1, // c\n"terms":[]}'],
    ['a syntax error', '{"version":1,"terms":[{"id":"a" "kind":"body"}]}'],
    ['unterminated', '{"version":1,"terms":[{"id":"a"'],
    ['a raw tab in a string', '{"version":1,"terms":[{"id":"a","kind":"body","name":"A\tB"}]}'],
    ['escapes and lone surrogates', '{"version":1,"terms":[{"id":"a","kind":"body","name":"A\\u00e9\\ud800\\/\\n\\"B"}]}'],
    ['numbers', '{"version":1.0,"terms":[{"id":"a","kind":"body","name":1e3,"acronym":-0,"sources":[{"statement":"s","paragraph":2.0}]}]}'],
    ['a list at the root', '[1, 2]'],
    ['a BOM', '\uFEFF{"version":1,"terms":[]}'],
    ['trailing garbage', '{"version":1,"terms":[]} x'],
    ['two documents', '{"version":1,"terms":[]}\n---\n{}'],
  ];
  for (const [what, text] of hostile) {
    test(`${what}: the same result both ways`, () => assertSame(text));
  }

  test('deep nesting goes the YAML way and is reported as before', () => {
    // Where yaml's recursion runs out of stack depends on the stack, so only the message is compared.
    const [fast] = both(`{"version":1,"terms":${'['.repeat(50000)}${']'.repeat(50000)}}`);
    assert.equal(fast.glossary, undefined);
    assert.deepEqual([...new Set(fast.problems.map((p) => p.message))], ['the glossary is nested too deeply']);
  });

  test('duplicate keys are reported as before', () => {
    const [fast] = both(hostile[0][1]);
    assert.equal(fast.glossary, undefined);
    assert.match(fast.problems[0].message, /unique/i);
  });
});
