import * as assert from 'node:assert/strict';
import { DEFAULT_CHECK_OPTIONS } from '../../server/src/core';
import { builtinService, doc } from '../helpers/fixtures';

const service = builtinService();
const rules = (text: string) => service.diagnose(doc(text), DEFAULT_CHECK_OPTIONS).map((f) => `${f.range.start.line}:${f.rule}`);

suite('suppression comments', () => {
  test('disable-next-line silences the next line, for all rules or the ones named', () => {
    assert.deepEqual(rules('<!-- policy-lexicon-disable-next-line -->\nThe ASEAN Defense Ministers Meeting-Plus and Telmin.\nThe ASEAN Defense Ministers Meeting-Plus.\n'), ['2:non-canonical']);
    assert.deepEqual(rules('<!-- policy-lexicon-disable-next-line spelling-variant -->\nThe ASEAN Defense Ministers Meeting-Plus program.\n'), ['1:non-canonical']);
  });

  test('an inline comment at the end of a line silences the line after it', () => {
    assert.deepEqual(rules('First line of a paragraph <!-- policy-lexicon-disable-next-line -->\nwith ASEAN Defense Ministers Meeting-Plus inside.\n'), []);
  });

  test('disable … enable silences a stretch', () => {
    const text = 'The ASEAN Defense Ministers Meeting-Plus.\n\n<!-- policy-lexicon-disable non-canonical -->\n\nThe ASEAN Defense Ministers Meeting-Plus program.\n\n<!-- policy-lexicon-enable -->\n\nThe ASEAN Defense Ministers Meeting-Plus.\n';
    assert.deepEqual(rules(text), ['0:non-canonical', '4:spelling-variant', '8:non-canonical']);
  });

  test('a suppression comment inside code is not a directive', () => {
    assert.deepEqual(rules('```\n<!-- policy-lexicon-disable-next-line -->\n```\nThe ASEAN Defense Ministers Meeting-Plus.\n'), ['3:non-canonical']);
  });
});
