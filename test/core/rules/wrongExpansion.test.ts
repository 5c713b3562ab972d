import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'wrong-expansion';

suite('rule wrong-expansion', () => {
  test('flags an acronym introduced with an expansion that differs from the glossary', () => {
    assert.deepEqual(flagged(RULE, 'the ASEAN Telecommunications Ministers Meeting (TELMIN) met'), ['ASEAN Telecommunications Ministers Meeting']);
    assert.deepEqual(flagged(RULE, 'the ASEAN Ministerial Meeting against Transnational Crime (AMMTC) met'), ['ASEAN Ministerial Meeting against Transnational Crime']);
    assert.match(findings(RULE, 'the ASEAN Telecommunications Ministers Meeting (TELMIN)')[0].message, /is not the expansion of TELMIN/);
  });

  test('does not flag the right expansion, an accepted form, or a parenthesis after unrelated words', () => {
    assert.deepEqual(flagged(RULE, "the ASEAN Telecommunications and Information Technology Ministers' Meeting (TELMIN)"), []);
    assert.deepEqual(flagged(RULE, 'the ASEAN Defence Ministers Meeting-Plus (ADMM-Plus)'), []);
    assert.deepEqual(flagged(RULE, 'as agreed by the ministers (TELMIN) last year'), []);
  });

  test('the fix writes the official name as the expansion', () => {
    assert.equal(
      fixed(RULE, 'the ASEAN Telecommunications Ministers Meeting (TELMIN) met'),
      "the ASEAN Telecommunications and Information Technology Ministers' Meeting (TELMIN) met",
    );
  });
});
