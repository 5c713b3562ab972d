import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'undefined-acronym';
const AMMTC = 'ASEAN Ministerial Meeting on Transnational Crime';

suite('rule undefined-acronym', () => {
  test('flags the first use of an acronym before its expansion, once', () => {
    assert.deepEqual(flagged(RULE, 'The AMMTC met. The AMMTC agreed.'), ['AMMTC']);
    const [finding] = findings(RULE, `The AMMTC met.\n\nThe ${AMMTC} (AMMTC) then agreed.`);
    assert.match(finding.message, /"AMMTC" is used before it is introduced/);
    assert.equal(finding.related.length, 1);
    assert.equal(finding.related[0].range.start.line, 2);
  });

  test('does not flag an introduced acronym, its plural, or acronyms that need no expansion', () => {
    assert.deepEqual(flagged(RULE, `The ${AMMTC} (AMMTC) met. The AMMTC agreed.`), []);
    assert.deepEqual(flagged(RULE, 'information and communications technology (ICT) and ICTs'), []);
    assert.deepEqual(flagged(RULE, 'ASEAN and the U.S. and 5G'), []);
  });

  test('an expansion wrapped across lines, in emphasis or in link text introduces the acronym', () => {
    assert.deepEqual(flagged(RULE, `The ASEAN Ministerial Meeting\non Transnational Crime (AMMTC) met. The AMMTC agreed.`), []);
    assert.deepEqual(flagged(RULE, `The **${AMMTC}** (AMMTC) met. The AMMTC agreed.`), []);
    assert.deepEqual(flagged(RULE, `The [${AMMTC}](https://example.org) (AMMTC) met. The AMMTC agreed.`), []);
  });

  test('a table row or list item pairing the name with the acronym is not a use before definition', () => {
    assert.deepEqual(flagged(RULE, `| Acronym | Name |\n| --- | --- |\n| AMMTC | ${AMMTC} |\n\nThe AMMTC met.\n`), []);
    assert.deepEqual(flagged(RULE, `- AMMTC: ${AMMTC}\n\nThe AMMTC met.\n`), []);
  });

  test('the fix expands the first use', () => {
    assert.equal(fixed(RULE, 'The AMMTC met. The AMMTC agreed.'), `The ${AMMTC} (AMMTC) met. The AMMTC agreed.`);
  });
});
