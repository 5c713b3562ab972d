import * as assert from 'node:assert/strict';
import { findings, fixed, flagged } from '../../helpers/rules';

const RULE = 'spelling-variant';

suite('rule spelling-variant', () => {
  test('flags American and -ise spellings in prose under the UN profile', () => {
    assert.deepEqual(flagged(RULE, 'a capacity-building program at a regional center on State behavior, recognised by all'), [
      'program',
      'center',
      'behavior',
      'recognised',
    ]);
    assert.match(findings(RULE, 'a program')[0].message, /"program" is not the house spelling \(UN \(Oxford\) spelling\): write "programme"/);
  });

  test('never corrects the spelling inside an official name', () => {
    assert.deepEqual(flagged(RULE, 'the U.S.-Singapore Cybersecurity Technical Assistance Programme for ASEAN and the ASEAN-Japan Cybersecurity Capacity Building Centre'), []);
    assert.deepEqual(flagged(RULE, 'a computer program'), []);
  });

  test('follows policyLexicon.spelling', () => {
    assert.deepEqual(flagged(RULE, 'organization and organisation', 'en-GB'), ['organization']);
    assert.deepEqual(flagged(RULE, 'programme and defence', 'en-US'), ['programme', 'defence']);
    assert.deepEqual(flagged(RULE, 'program and organisation', 'off'), []);
  });

  test('the fix writes the house spelling and keeps the case', () => {
    assert.equal(fixed(RULE, 'Program centers recognised the behavior.'), 'Programme centres recognized the behaviour.');
  });
});
