import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, ENTRY_KINDS, loadGlossary, loadTbx, type GlossaryProblem, type LoadResult } from '../../server/src/core';
import { MAX_STRING_LENGTH } from '../../server/src/core/glossary/load';
import { checkProperty, propertyTimeout } from '../helpers/property';
import { ATTACKS, glossaryFileArbitrary, type GlossaryFormat } from '../fuzz/glossaries';

/**
 * Hostile and random glossaries: the loaders return a positioned error or a valid glossary,
 * never throw, and what they accept is safe to build the matcher from and to check a draft with.
 * Time and memory are measured by the long run (`npm run fuzz`, docs/robustness.md), not here.
 */

function load(format: GlossaryFormat, text: string): LoadResult {
  return format === 'tbx' ? loadTbx(text, '/fuzz/terms.tbx', 'terms.tbx') : loadGlossary(text, `/fuzz/terms.lexicon.${format}`, `terms.lexicon.${format}`);
}

/** Lines as an editor counts them (CRLF, CR or LF). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertPositioned(text: string, problem: GlossaryProblem): void {
  const lines = lineLengths(text);
  const where = `"${problem.message}" at ${problem.line}:${problem.character}-${problem.endLine}:${problem.endCharacter}`;
  assert.ok(problem.message.length > 0 && problem.message.length < 1000, `problem message empty or huge: ${where}`);
  assert.ok(problem.line >= 0 && problem.line < lines.length, `problem line outside the file (${lines.length} lines): ${where}`);
  assert.ok(problem.character >= 0 && problem.character <= lines[problem.line] + 1, `problem column outside its line: ${where}`);
  assert.ok(problem.endLine >= problem.line && problem.endLine < lines.length, `problem end outside the file: ${where}`);
}

/** Whatever a loader returns is either an error with a position or a glossary whose entries are valid. */
function assertSound(format: GlossaryFormat, text: string, result: LoadResult): void {
  for (const problem of result.problems) assertPositioned(text, problem);
  if (!result.glossary) {
    assert.ok(result.problems.some((p) => p.severity === 'error'), 'no glossary and no error');
    return;
  }
  const ids = new Set<string>();
  for (const entry of result.glossary.entries) {
    assert.match(entry.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `entry id ${JSON.stringify(entry.id)}`);
    assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
    ids.add(entry.id);
    assert.ok((ENTRY_KINDS as readonly string[]).includes(entry.kind), `kind ${entry.kind}`);
    for (const s of [entry.name, entry.acronym, entry.definition, ...entry.accepted, ...entry.variants.map((v) => v.text)]) {
      if (s === undefined) continue;
      assert.equal(typeof s, 'string');
      assert.ok(s.length <= MAX_STRING_LENGTH + 1000, `a ${s.length}-character string was accepted`);
    }
    assert.ok(entry.name.trim().length > 0, 'empty name');
  }
  // What was accepted builds a matcher and checks a draft written with its own forms.
  const errors: string[] = [];
  const service = createLexiconService({ glossaries: [result.glossary], logger: { log: () => undefined, error: (m) => errors.push(m) } });
  const forms = result.glossary.entries.flatMap((e) => [e.name, e.acronym ?? '', ...e.accepted, ...e.variants.map((v) => v.text)]);
  const doc = TextDocument.create('file:///fuzz/draft.md', 'markdown', 1, `# ${forms[0] ?? ''}\n\n${forms.join(' and ')}.\n`);
  service.diagnose(doc, { rules: {}, spelling: 'un' });
  service.hover(doc, { line: 2, character: 1 });
  service.complete(doc, { line: 2, character: 1 });
  assert.deepEqual(errors, [], `${format}: checking a draft with this glossary logged errors`);
}

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
});
