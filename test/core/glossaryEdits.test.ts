import * as assert from 'node:assert/strict';
import { addAcceptedEdit, appendEntryEdit, applyEdits, entryLines, glossarySetProblems, loadGlossary, newGlossaryText, renameEntryEdits } from '../../server/src/core';

const TEXT = `# Team glossary (a comment that must survive)
version: 1
terms:
  - id: xcc
    kind: centre
    name: Example Cyber Centre   # trailing comment
    acronym: XCC
    sources: [{ title: test }]
  - id: ydp
    kind: programme
    name: Youth Diplomacy Programme
    accepted:
      - Youth Diplomacy Program
    sources: [{ title: test }]
`;

const valid = (text: string) => {
  const result = loadGlossary(text, '/g.yaml', 'g.yaml');
  assert.deepEqual(result.problems, [], text);
  return result.glossary!;
};

suite('glossary edits keep formatting and comments', () => {
  test('appending an entry', () => {
    const edit = appendEntryEdit(TEXT, entryLines([['id', 'zz'], ['kind', 'body'], ['name', 'Zed Body'], ['sources', '[{ title: t }]']]))!;
    const result = applyEdits(TEXT, [edit]);
    assert.ok(result.startsWith(TEXT), 'the old text is untouched');
    assert.deepEqual(valid(result).entries.map((e) => e.id), ['xcc', 'ydp', 'zz']);
  });

  test('a new glossary file', () => {
    const text = newGlossaryText(entryLines([['id', 'zz'], ['kind', 'body'], ['name', 'Zed Body'], ['sources', '[{ title: t }]']]));
    assert.deepEqual(valid(text).entries.map((e) => e.name), ['Zed Body']);
  });

  test('adding an accepted form to a block list, and creating the key when missing', () => {
    const one = applyEdits(TEXT, [addAcceptedEdit(TEXT, 'ydp', 'Youth Diplomacy Programmes')!]);
    assert.deepEqual(valid(one).entries[1].accepted, ['Youth Diplomacy Program', 'Youth Diplomacy Programmes']);
    const two = applyEdits(TEXT, [addAcceptedEdit(TEXT, 'xcc', "Example Cyber Center: the U.S. form")!]);
    assert.deepEqual(valid(two).entries[0].accepted, ['Example Cyber Center: the U.S. form']);
    assert.match(two, /# trailing comment/);
  });

  test('renaming keeps the old name as a superseded variant', () => {
    const result = applyEdits(TEXT, renameEntryEdits(TEXT, 'xcc', 'Example Cybersecurity Centre', 'Example Cyber Centre')!);
    const entry = valid(result).entries[0];
    assert.equal(entry.name, 'Example Cybersecurity Centre');
    assert.deepEqual(entry.variants.map((v) => [v.text, v.status]), [['Example Cyber Centre', 'superseded']]);
    assert.match(result, /# Team glossary \(a comment that must survive\)/);
  });

  test('no edit for an unknown entry or a file without a terms list', () => {
    assert.equal(addAcceptedEdit(TEXT, 'nope', 'x'), undefined);
    assert.equal(appendEntryEdit('just: text\n', ['- id: x']), undefined);
  });
});

suite('conflicts between glossaries', () => {
  test('same acronym twice, a variant that is another name, a missing parent, and the same id in two discovered files', () => {
    const a = loadGlossary(
      `version: 1
terms:
  - { id: one, kind: body, name: First Body, acronym: FB, sources: [{ title: t }], parent: ghost }
  - { id: two, kind: body, name: Second Body, acronym: FB, sources: [{ title: t }], variants: [First Body] }
`,
      '/a.lexicon.yaml',
      'a.lexicon.yaml',
    ).glossary!;
    const b = loadGlossary('version: 1\nterms:\n  - { id: one, kind: body, name: Other, sources: [{ title: t }] }\n', '/b.lexicon.yaml', 'b.lexicon.yaml').glossary!;
    const problems = glossarySetProblems([a, b], new Set(['/a.lexicon.yaml', '/b.lexicon.yaml']));
    assert.deepEqual(problems.get('/a.lexicon.yaml')!.map((p) => `${p.line}:${p.message}`).sort(), [
      '2:parent: no glossary defines an entry `ghost`',
      '2:the id `one` is also defined in b.lexicon.yaml',
      '3:the acronym "FB" is also the acronym of `one` in this glossary',
      '3:the variant "First Body" is the official name of `one`',
    ].sort());
    assert.deepEqual(problems.get('/b.lexicon.yaml')!.map((p) => p.message), ['the id `one` is also defined in a.lexicon.yaml']);
    // Listed glossaries override on purpose: no conflict.
    assert.equal(glossarySetProblems([a, b], new Set(['/a.lexicon.yaml'])).get('/b.lexicon.yaml'), undefined);
  });
});
