import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'resolution-format';

suite('rule resolution-format', () => {
  test('flags a capital R mid-sentence, a dash, an abbreviation and a singular with two numbers', () => {
    assert.deepEqual(flagged(RULE, 'It recalled Resolution 71/28.'), ['Resolution 71/28']);
    assert.deepEqual(flagged(RULE, 'recalling resolution 71-28'), ['resolution 71-28']);
    assert.deepEqual(flagged(RULE, 'see res. 71/28'), ['res. 71/28']);
    assert.deepEqual(flagged(RULE, 'recalling resolution 70/237 and 71/28'), ['resolution 70/237']);
    assert.match(findings(RULE, 'see res. 71/28')[0].message, /Write "resolution 71\/28"/);
  });

  test('does not flag well-formed citations, a capital at the start of a sentence or in a heading', () => {
    assert.deepEqual(flagged(RULE, 'recalling resolution 71/28 and resolutions 70/237 and 73/27'), []);
    assert.deepEqual(flagged(RULE, 'Resolution 71/28 calls on States.'), []);
    assert.deepEqual(flagged(RULE, '## Resolution 71/28\n'), []);
  });

  test('the fix writes the well-formed citation', () => {
    assert.equal(fixed(RULE, 'It recalled Resolution 71-28 and res. 70/237.'), 'It recalled resolution 71/28 and resolution 70/237.');
    assert.equal(fixed(RULE, 'recalling resolution 70/237 and 71-28'), 'recalling resolutions 70/237 and 71/28');
  });
});
