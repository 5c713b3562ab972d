import * as assert from 'node:assert/strict';
import { loadTbx } from '../../server/src/core';
import { readFixture } from '../helpers/fixtures';

suite('TBX import', () => {
  test('TBX 2008 (martif): terms by type and status, definition, other languages', () => {
    const { glossary, problems } = loadTbx(readFixture('glossaries', 'team.tbx'), '/g/team.tbx', 'team.tbx');
    assert.deepEqual(problems, []);
    const [rcert, drill] = glossary!.entries;
    assert.equal(rcert.id, 'c-101');
    assert.equal(rcert.name, 'Regional Computer Emergency Response Team');
    assert.equal(rcert.acronym, 'RCERT');
    assert.equal(rcert.expand, true);
    assert.deepEqual(rcert.accepted, ['Regional CERT']);
    assert.deepEqual(rcert.variants, [{ text: 'Regional Computer Emergency Team', status: 'deprecated', reason: 'deprecated in team.tbx', replacement: undefined }]);
    assert.match(rcert.definition!, /^A regional team that coordinates responses to computer security incidents\./);
    assert.match(rcert.definition!, /Subject field: cybersecurity/);
    assert.match(rcert.definition!, /fr: Équipe régionale/);
    assert.equal(rcert.origin.line, 8, 'the 0-based line of <termEntry id="c-101">');
    assert.deepEqual(drill.variants.map((v) => [v.text, v.status]), [['Cyber Drill Programme', 'superseded']]);
  });

  test('TBX v3 (tbx, DCT style with basic: elements)', () => {
    const { glossary, problems } = loadTbx(readFixture('glossaries', 'team-v3.tbx'), '/g/v3.tbx', 'v3.tbx');
    assert.deepEqual(problems, []);
    const [entry] = glossary!.entries;
    assert.deepEqual([entry.id, entry.kind, entry.name, entry.acronym, entry.definition], [
      'ocsd', 'office', 'Office of Cyber Security Diplomacy', 'OCSD', "The unit that coordinates a ministry's cyber diplomacy.",
    ]);
  });

  test('malformed XML is reported at its line and column', () => {
    const { glossary, problems } = loadTbx('<martif>\n  <text>\n    <body><termEntry></body>\n</martif>\n', '/g/bad.tbx', 'bad.tbx');
    assert.equal(glossary, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 2);
    assert.match(problems[0].message, /^malformed XML/);
  });

  test('an entity bomb is refused, not expanded', () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term></tig></langSet></termEntry></body></text></martif>';
    const { glossary, problems } = loadTbx(bomb, '/g/bomb.tbx', 'bomb.tbx');
    assert.equal(glossary, undefined);
    assert.match(problems[0].message, /malformed XML/);
  });

  test('a root that is not TBX is a problem', () => {
    assert.match(loadTbx('<html></html>', '/g/x.tbx', 'x.tbx').problems[0].message, /root element is <martif>/);
  });
});
