import * as assert from 'node:assert/strict';
import { applyEdits, EditComposer, nonOverlapping } from '../../server/src/core/edits';

suite('edits', () => {
  test('applyEdits applies in any order and refuses overlaps', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 1, newText: 'AA' }]), 'AAbcdEf');
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]));
  });

  test('nonOverlapping keeps the first of overlapping edits', () => {
    assert.deepEqual(
      nonOverlapping([{ start: 2, end: 4, newText: 'x' }, { start: 0, end: 3, newText: 'y' }, { start: 5, end: 6, newText: 'z' }]),
      [{ start: 0, end: 3, newText: 'y' }, { start: 5, end: 6, newText: 'z' }],
    );
  });

  test('two rounds of edits compose into edits on the original text', () => {
    const original = 'The AMMTC met. Later the Full (AMMTC) agreed.';
    const composer = new EditComposer(original);
    composer.apply([{ start: 4, end: 9, newText: 'Full (AMMTC)' }]);
    const round1 = composer.text();
    assert.equal(round1, 'The Full (AMMTC) met. Later the Full (AMMTC) agreed.');
    const second = round1.indexOf('Full (AMMTC) agreed');
    composer.apply([{ start: second, end: second + 'Full (AMMTC)'.length, newText: 'AMMTC' }]);
    const edits = composer.edits();
    assert.equal(applyEdits(original, edits), 'The Full (AMMTC) met. Later the AMMTC agreed.');
    assert.deepEqual(edits, [
      { start: 4, end: 9, newText: 'Full (AMMTC)' },
      { start: 25, end: 37, newText: 'AMMTC' },
    ]);
  });

  test('an edit inside text inserted by an earlier round merges with it', () => {
    const composer = new EditComposer('abc');
    composer.apply([{ start: 1, end: 2, newText: 'XYZ' }]);
    composer.apply([{ start: 2, end: 3, newText: '-' }]);
    assert.equal(composer.text(), 'aX-Zc');
    assert.deepEqual(composer.edits(), [{ start: 1, end: 2, newText: 'X-Z' }]);
  });

  test('insertions at the start and the end, and an empty original', () => {
    const composer = new EditComposer('mid');
    composer.apply([{ start: 0, end: 0, newText: '<' }, { start: 3, end: 3, newText: '>' }]);
    assert.equal(composer.text(), '<mid>');
    assert.equal(applyEdits('mid', composer.edits()), '<mid>');
    const empty = new EditComposer('');
    empty.apply([{ start: 0, end: 0, newText: 'x' }]);
    assert.deepEqual(empty.edits(), [{ start: 0, end: 0, newText: 'x' }]);
  });
});
