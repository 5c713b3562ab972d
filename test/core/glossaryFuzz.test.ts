import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkProperty, propertyTimeout } from '../helpers/property';
import { ATTACKS, glossaryFileArbitrary } from '../fuzz/glossaries';
import { assertSound, load } from '../fuzz/checks';

/**
 * Hostile and random glossaries: the loaders return a positioned error or a valid glossary,
 * never throw, and what they accept is safe to build the matcher from and to check a draft with.
 * Time and memory are measured by the long run (`npm run fuzz`, docs/robustness.md), not here.
 */

suite('properties: random and hostile glossaries', function () {
  this.timeout(propertyTimeout(60000));

  test('YAML, JSON and TBX, well-formed or broken: a positioned error or a valid glossary, never a throw', () => {
    checkProperty(
      fc.property(glossaryFileArbitrary, ({ format, text }) => {
        assertSound(format, text, load(format, text));
      }),
      500,
    );
  });

  for (const attack of ATTACKS) {
    test(`attack: ${attack.name}`, () => {
      const text = attack.text();
      const result = load(attack.format, text);
      assertSound(attack.format, text, result);
    });
  }

  test('a YAML alias bomb is refused at its aliases, without expanding them', () => {
    const attack = ATTACKS.find((a) => a.name.startsWith('YAML alias bomb'))!;
    const result = load('yaml', attack.text());
    assert.equal(result.glossary, undefined);
    const aliases = result.problems.filter((p) => /aliases/.test(p.message));
    // Nine aliases on each of the twelve lines that define a level, and `terms: *a12`: each reported where it is written.
    assert.equal(aliases.length, 12 * 9 + 1);
    assert.deepEqual([aliases[0].line, aliases[0].character, aliases[0].endCharacter], [2, 9, 12]);
  });

  test('XML entities are never expanded, internal or external: an undefined entity is a positioned error', () => {
    for (const name of ['XML entity expansion (billion laughs)', 'XML external entity']) {
      const text = ATTACKS.find((a) => a.name === name)!.text();
      const result = load('tbx', text);
      assert.equal(result.glossary, undefined, name);
      assert.match(result.problems[0].message, /undefined entity/, name);
      assert.ok(!JSON.stringify(result).includes('root:'), 'the contents of /etc/passwd leaked in');
    }
  });

  test('deep nesting is a positioned error, not a stack overflow', () => {
    for (const name of ['YAML deep flow nesting', 'JSON deep nesting', 'XML deep nesting']) {
      const attack = ATTACKS.find((a) => a.name === name)!;
      const result = load(attack.format, attack.text());
      assert.equal(result.glossary, undefined, name);
      assert.match(result.problems[0].message, /nested/, name);
    }
  });

  test('YAML tags never run code or construct objects: a tagged value is just a wrong type', () => {
    const attack = ATTACKS.find((a) => a.name.startsWith('YAML custom tags'))!;
    const result = load('yaml', attack.text());
    assert.equal(result.glossary?.entries.length ?? 0, 0);
    assert.ok(result.problems.length > 0);
  });

  test('a __proto__ key pollutes nothing', () => {
    const attack = ATTACKS.find((a) => a.name === 'JSON __proto__ key')!;
    load('json', attack.text());
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('problem positions count a lone CR as a line break, as editors do (found by fuzzing)', () => {
    // yaml reads the lone CR as part of the comment; the editor shows two lines there.
    const result = load('yaml', 'version: 1\n# a comment\rwith a lone CR\nterms:\n  - id: Bad Id\n    kind: body\n    name: X\n');
    const problem = result.problems.find((p) => /kebab-case/.test(p.message));
    assert.deepEqual(problem && [problem.line, problem.character, problem.endLine, problem.endCharacter], [4, 8, 4, 14]);
  });

  test('nesting deeper than any glossary is refused before the YAML parser runs, at the place it gets too deep', () => {
    // The parser recurses per level; out of stack, V8 can abort the whole process (seen while fuzzing).
    for (const [format, text] of [
      ['json', `{"version":1,"terms":${'['.repeat(200)}${']'.repeat(200)}}`],
      ['yaml', `version: 1\nterms:\n${'- '.repeat(200)}x\n`],
      ['yaml', `version: 1\nterms: ${'{a: '.repeat(200)}1${'}'.repeat(200)}\n`],
    ] as const) {
      const result = load(format, text);
      assert.equal(result.glossary, undefined);
      assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
      assert.match(result.problems[0].message, /nested too deeply/);
      assert.ok(result.problems[0].character > 100 && result.problems[0].character < 600, `reported at ${result.problems[0].character}`);
    }
    // Brackets and quotes inside strings and comments do not count; an apostrophe inside a word opens no string.
    const ok = `version: 1\n# ${'['.repeat(300)}\nterms:\n  - id: arf\n    kind: forum\n    name: "${'['.repeat(300)}"\n    definition: Ministers' ${'x'.repeat(10)}\n`;
    assert.ok(!load('yaml', ok).problems.some((p) => /nested/.test(p.message)), JSON.stringify(load('yaml', ok).problems));
  });
});

