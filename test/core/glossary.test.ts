import * as assert from 'node:assert/strict';
import { loadGlossary } from '../../server/src/core';

const good = `version: 1
terms:
  - id: ammtc
    kind: meeting
    name: ASEAN Ministerial Meeting on Transnational Crime
    acronym: AMMTC
    sources: [{ title: "A source", url: "https://example.org" }]
`;

suite('glossary loading', () => {
  const load = (text: string) => loadGlossary(text, 'file:///g.lexicon.yaml', 'g.lexicon.yaml');
  const problems = (text: string) => load(text).problems.map((p) => `${p.line + 1}:${p.character + 1} ${p.severity} ${p.message}`);

  test('a valid glossary loads with defaults filled in', () => {
    const { glossary, problems: found } = load(good);
    assert.deepEqual(found, []);
    const entry = glossary!.entries[0];
    assert.equal(entry.id, 'ammtc');
    assert.equal(entry.expand, true, 'an acronym is expanded at first use unless the entry says otherwise');
    assert.deepEqual(entry.accepted, []);
    assert.deepEqual(entry.origin, { glossary: 'file:///g.lexicon.yaml', label: 'g.lexicon.yaml', line: 2, character: 8 });
  });

  test('JSON glossaries load through the same parser', () => {
    const json = JSON.stringify({ version: 1, terms: [{ id: 'x', kind: 'concept', name: 'cyberspace', sources: [{ title: 't' }] }] }, null, 2);
    const { glossary, problems: found } = load(json);
    assert.deepEqual(found, []);
    assert.equal(glossary!.entries[0].name, 'cyberspace');
  });

  test('a syntax error is reported at its line and column and yields no glossary', () => {
    const result = load('version: 1\nterms:\n  - id: x\n    name: [unclosed\n');
    assert.equal(result.glossary, undefined);
    assert.ok(result.problems.length > 0);
    assert.equal(result.problems[0].severity, 'error');
    assert.ok(result.problems[0].line >= 3, `line ${result.problems[0].line}`);
  });

  test('a wrong type is reported at the value with its schema path, and only that entry is dropped', () => {
    const text = good + `  - id: bad\n    kind: meeting\n    name: [not, a, string]\n    sources: [{ title: t }]\n`;
    const result = load(text);
    assert.deepEqual(problems(text), ['10:11 error terms[1].name: must be a string']);
    assert.deepEqual(result.glossary!.entries.map((e) => e.id), ['ammtc']);
  });

  test('an unknown key is a warning at the key; an unknown kind and an empty name are errors', () => {
    assert.deepEqual(problems(good + '    colour: blue\n'), ['8:5 warning terms[0]: unknown key `colour`']);
    assert.deepEqual(problems(good.replace('kind: meeting', 'kind: gathering')), [
      '4:11 error terms[0].kind: `gathering` is not one of body, forum, meeting, working-group, resolution, report, statement, strategy, plan, programme, partnership, centre, office, concept, place',
    ]);
    assert.deepEqual(problems(good.replace('name: ASEAN Ministerial Meeting on Transnational Crime', 'name: ""')), [
      '5:11 error terms[0].name: must not be empty',
    ]);
  });

  test('duplicate ids, bad dates, bad ids and long strings are reported', () => {
    assert.deepEqual(problems(good + good.slice(good.indexOf('  - id'))), ['8:9 error terms[1].id: duplicate id `ammtc` (first defined at line 3)']);
    assert.deepEqual(problems(good + '    dates: { established: "20 Dec 1997" }\n'), [
      '8:27 error terms[0].dates.established: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
    assert.deepEqual(problems(good.replace('id: ammtc', 'id: Not_Kebab')), ['3:9 error terms[0].id: must be kebab-case (a-z, 0-9 and single hyphens)']);
    const long = good.replace('acronym: AMMTC', `definition: ${'x'.repeat(5000)}`);
    assert.deepEqual(problems(long), ['6:17 error terms[0].definition: longer than 4000 characters']);
  });

  test('duplicate keys and aliases are refused without expanding anything', () => {
    assert.match(problems(good + '    name: again\n')[0], /^8:5 error .*[Uu]nique|^8:5 error .*duplicate/i);
    const bomb = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'terms: [*c]', ''].join('\n');
    const result = load(bomb);
    assert.ok(result.problems.some((p) => /aliases/.test(p.message) && p.severity === 'error'));
    assert.deepEqual(result.glossary?.entries ?? [], []);
  });

  test('the wrong top-level shape yields no glossary', () => {
    assert.equal(load('- just a list\n').glossary, undefined);
    assert.equal(load('version: 1\nterms: 3\n').glossary, undefined);
    assert.deepEqual(problems('version: 2\nterms: []\n'), ['1:10 error `version` must be 1']);
  });
});
