import * as assert from 'node:assert/strict';
import { applyEdits, DEFAULT_CHECK_OPTIONS } from '../../../server/src/core';
import { builtinService, doc } from '../../helpers/fixtures';

const service = builtinService();

suite('code actions', () => {
  test('a finding offers its fix first, then "Disable Policy Lexicon for this line"', () => {
    const d = doc('Intro line\nThe ASEAN Defense Ministers Meeting-Plus met.\n');
    const actions = service.codeActions(d, { start: { line: 1, character: 6 }, end: { line: 1, character: 6 } }, DEFAULT_CHECK_OPTIONS);
    assert.deepEqual(actions.map((a) => [a.title, a.preferred]), [
      [`Replace with "ASEAN Defence Ministers' Meeting-Plus"`, true],
      ['Disable Policy Lexicon for this line', false],
    ]);
    assert.equal(applyEdits(d.getText(), actions[0].edits), "Intro line\nThe ASEAN Defence Ministers' Meeting-Plus met.\n");
    const disabled = applyEdits(d.getText(), actions[1].edits);
    assert.equal(disabled, 'Intro line <!-- policy-lexicon-disable-next-line non-canonical -->\nThe ASEAN Defense Ministers Meeting-Plus met.\n');
    assert.deepEqual(service.diagnose(doc(disabled), DEFAULT_CHECK_OPTIONS), []);
  });

  test('the disable comment gets a line of its own at the start of a block, keeping CRLF', () => {
    const d = doc('# Title\r\n\r\nThe ASEAN Defense Ministers Meeting-Plus met.\r\n');
    const [, disable] = service.codeActions(d, { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, DEFAULT_CHECK_OPTIONS);
    const text = applyEdits(d.getText(), disable.edits);
    assert.equal(text, '# Title\r\n\r\n<!-- policy-lexicon-disable-next-line non-canonical -->\r\nThe ASEAN Defense Ministers Meeting-Plus met.\r\n');
    assert.deepEqual(service.diagnose(doc(text), DEFAULT_CHECK_OPTIONS), []);
  });

  test('no actions away from findings', () => {
    const d = doc('The ASEAN Defense Ministers Meeting-Plus met.\n\nAll is well here.\n');
    assert.deepEqual(service.codeActions(d, { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, DEFAULT_CHECK_OPTIONS), []);
  });

  test('fix-all resolves a fix that reveals another: the late expansion moves to the first use', () => {
    const name = 'ASEAN Ministerial Meeting on Transnational Crime';
    const text = `The AMMTC met.\n\nThen the ${name} (AMMTC) agreed.\n`;
    const result = applyEdits(text, service.fixAll(doc(text), DEFAULT_CHECK_OPTIONS));
    assert.equal(result, `The ${name} (AMMTC) met.\n\nThen the AMMTC agreed.\n`);
  });
});
