import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { loadGlossary } from '../../server/src/core';
import { parseJsonTree } from '../../server/src/core/glossary/json';
import { glossaryObject } from '../fuzz/glossaries';
import { readFixture } from '../helpers/fixtures';
import { checkProperty, propertyTimeout } from '../helpers/property';

/**
 * JSON glossaries are read by a fast parser into the tree `yaml` would build: whatever JSON it
 * takes, the entries and every problem, with its position, are what the YAML way gives; what it
 * does not take (broken JSON, duplicate keys, very long keys) goes the YAML way; nesting deeper than a
 * glossary needs is refused before either runs.
 */
const ORIGIN = '/json/terms.lexicon.json';
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
