import * as assert from 'node:assert/strict';
import { findings, flagged } from '../../helpers/rules';

const RULE = 'unknown-acronym';

suite('rule unknown-acronym', () => {
  test('hints at an all-capitals token the glossary does not know and the document never expands, once', () => {
    assert.deepEqual(flagged(RULE, 'the XYZCERT met and the XYZCERT agreed'), ['XYZCERT']);
    assert.equal(findings(RULE, 'the XYZCERT met')[0].severity, 'hint');
  });

  test('does not flag glossary acronyms, expanded acronyms, Roman numerals or shouted headings', () => {
    assert.deepEqual(flagged(RULE, 'the AMMTC and TELMIN and ICTs'), []);
    assert.deepEqual(flagged(RULE, 'the Computer Emergency Response Team (XYZCERT) and the XYZCERT'), []);
    assert.deepEqual(flagged(RULE, 'Phase II and Phase IV'), []);
    assert.deepEqual(flagged(RULE, '# BEGIN TEXT OF STATEMENT\n'), []);
    assert.deepEqual(flagged(RULE, 'the `XYZCERT` code'), []);
  });
});
