import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'inconsistent-form';

suite('rule inconsistent-form', () => {
  test('flags a second form of the same term, pointing at the first', () => {
    const text = 'capacity building first, then capacity-building and cyberspace, then cyber space.';
    assert.deepEqual(flagged(RULE, text), ['capacity-building', 'cyber space']);
    const [first] = findings(RULE, text);
    assert.match(first.message, /write "capacity building" as at its first use/);
    assert.equal(first.related[0].range.start.character, 0);
  });

  test('does not flag one form used throughout, or a short and a long name', () => {
    assert.deepEqual(flagged(RULE, 'capacity-building and capacity-building'), []);
    assert.deepEqual(flagged(RULE, 'the United Nations General Assembly, then the General Assembly'), []);
  });

  test('the fix aligns later uses with the first, keeping a sentence-initial capital', () => {
    assert.equal(fixed(RULE, 'cyberspace is open. Cyber space is shared.'), 'cyberspace is open. Cyberspace is shared.');
  });
});
