import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'non-canonical';

suite('rule non-canonical', () => {
  test('flags known variants, naming what was written and what is expected', () => {
    assert.deepEqual(flagged(RULE, 'The ADMM Plus met with the UN GGE and the ARF ISM on ICT Security.'), ['ADMM Plus', 'UN GGE', 'ARF ISM on ICT Security']);
    const [finding] = findings(RULE, 'The ADMM Plus met.');
    assert.match(finding.message, /"ADMM Plus" is not the official form: write "ADMM-Plus"/);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(flagged(RULE, 'the ASEAN Defense Ministers Meeting-Plus'), ['ASEAN Defense Ministers Meeting-Plus']);
  });

  test('flags an acronym in the wrong case and a name in the wrong case mid-sentence', () => {
    assert.deepEqual(flagged(RULE, 'Delegates at Telmin and the Asean Secretariat.'), ['Telmin', 'Asean']);
    assert.deepEqual(flagged(RULE, 'the asean regional forum met'), ['asean regional forum']);
  });

  test('does not flag the official forms, a sentence-initial capital or title case in a heading', () => {
    assert.deepEqual(flagged(RULE, 'The ADMM-Plus, the UNGGE and TELMIN met.'), []);
    assert.deepEqual(flagged(RULE, 'Cyberspace is open. Capacity-building matters.'), []);
    assert.deepEqual(flagged(RULE, '# Capacity-Building In Cyberspace\n'), []);
    assert.deepEqual(flagged(RULE, 'the `ADMM Plus` code and https://example.org/ADMM-Plus'), []);
  });

  test('the fix writes the canonical form and changes nothing else', () => {
    assert.equal(fixed(RULE, 'The ADMM Plus and Telmin met; the UN GGE too.'), 'The ADMM-Plus and TELMIN met; the UNGGE too.');
    assert.equal(fixed(RULE, 'in the ARF ISM on ICT Security.'), 'in the ARF ISM on ICTs Security.');
    assert.equal(fixed(RULE, 'Laos co-chaired.'), 'Lao PDR co-chaired.');
  });
});
