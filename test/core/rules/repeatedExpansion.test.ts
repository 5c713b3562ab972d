import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'repeated-expansion';
const AMMTC = 'ASEAN Ministerial Meeting on Transnational Crime';

suite('rule repeated-expansion', () => {
  test('flags an expansion given again, with the first definition as related information', () => {
    const text = `The ${AMMTC} (AMMTC) met.\n\nLater the ${AMMTC} (AMMTC) agreed.`;
    assert.deepEqual(flagged(RULE, text), [`${AMMTC} (AMMTC)`]);
    const [finding] = findings(RULE, text);
    assert.equal(finding.related[0].range.start.line, 0);
  });

  test('does not flag the first expansion or later uses of the acronym', () => {
    assert.deepEqual(flagged(RULE, `The ${AMMTC} (AMMTC) met. The AMMTC agreed. The ${AMMTC} is old.`), []);
  });

  test('the fix replaces the repeated expansion by the acronym', () => {
    assert.equal(fixed(RULE, `The ${AMMTC} (AMMTC) met; the ${AMMTC} (AMMTC) agreed.`), `The ${AMMTC} (AMMTC) met; the AMMTC agreed.`);
  });
});
