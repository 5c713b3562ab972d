import * as assert from 'node:assert/strict';
import { findings, flagged } from '../../helpers/rules';

const RULE = 'unknown-resolution';

suite('rule unknown-resolution', () => {
  test('notes a well-formed citation of a resolution not in the glossary, with its session', () => {
    assert.deepEqual(flagged(RULE, 'recalling resolution 71/29'), ['resolution 71/29']);
    const [finding] = findings(RULE, 'recalling resolution 71/29');
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /seventy-first session of the General Assembly \(2016–2017\)/);
    assert.equal(finding.fix, undefined);
  });

  test('does not note known resolutions', () => {
    assert.deepEqual(flagged(RULE, 'recalling resolutions 71/28 and 73/27, and A/RES/70/237'), []);
  });
});
