import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, DEFAULT_CHECK_OPTIONS } from '../../server/src/core';
import { builtinService, doc, readFixture, ROOT } from '../helpers/fixtures';

const service = builtinService();
const check = (text: string) => service.diagnose(doc(text), DEFAULT_CHECK_OPTIONS);
const fixAll = (text: string) => applyEdits(text, service.fixAll(doc(text), DEFAULT_CHECK_OPTIONS));

suite('real drafts', () => {
  test('the seed statement: every finding, each justified', () => {
    const text = readFixture('drafts', 'seed-statement.md');
    const found = check(text).map((f) => [f.rule, text.slice(f.start, f.end)]);
    assert.deepEqual(found, [
      // The statement writes "information communications technology (ICT)"; the term has "and" (UN: "information
      // and communications technologies (ICTs)"; style.md 4.6 says to flag the missing "and").
      ['non-canonical', 'information communications technology'],
      // "industrialization 4.0" is not an established term; ASEAN writes "Fourth Industrial Revolution" (facts.md, entry 4).
      ['non-canonical', 'industrialization 4.0'],
      // It writes "cyberspace" (paragraph 3) and then "cyber space" (paragraph 5): one term, two forms (style.md 4.4).
      ['inconsistent-form', 'cyber space'],
      // "U.S.-ASEAN Strategic Plan of Action" is an informal name for the Plan of Action to Implement the
      // ASEAN-U.S. Strategic Partnership (facts.md, entry 21).
      ['non-canonical', 'U.S.-ASEAN Strategic Plan of Action'],
    ]);
  });

  test('clean drafts have no findings at all', () => {
    assert.deepEqual(check(readFixture('drafts', 'clean.md')).map((f) => `${f.rule}: ${f.message}`), []);
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'asean-us-cyber-dialogue-2021-draft.md'), 'utf8');
    assert.deepEqual(check(example).map((f) => `${f.rule}: ${f.message}`), []);
  });

  test('the dirty draft: every seeded mistake is found, and nothing else', () => {
    const text = readFixture('drafts', 'dirty.md');
    const expected = JSON.parse(readFixture('drafts', 'dirty.expected.json')) as Array<{ rule: string; text: string }>;
    assert.deepEqual(
      check(text).map((f) => ({ rule: f.rule, text: text.slice(f.start, f.end) })),
      expected,
    );
  });

  test('fix-all turns the dirty draft into the clean one, and a second fix-all changes nothing', () => {
    const dirty = readFixture('drafts', 'dirty.md');
    const once = fixAll(dirty);
    assert.equal(once, readFixture('drafts', 'clean.md'));
    assert.deepEqual(service.fixAll(doc(once), DEFAULT_CHECK_OPTIONS), []);
  });

  test('the example with typical mistakes: every mistake its header lists is found', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'draft-with-typical-mistakes.md'), 'utf8');
    const listed = [...text.matchAll(/^\s*\d+\. "([^"]+)".*?\(([a-z-]+)/gm)].map((m) => m[2]);
    const found = check(text).map((f) => f.rule);
    assert.equal(listed.length, 20);
    assert.deepEqual(found, listed);
  });

  test('fix-all leaves everything outside the fixed ranges untouched', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'draft-with-typical-mistakes.md'), 'utf8');
    const edits = service.fixAll(doc(text), DEFAULT_CHECK_OPTIONS);
    assert.ok(edits.length >= 15);
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    const result = applyEdits(text, sorted);
    // Walk the text: every character outside an edit is where it was, shifted by the edits before it.
    let delta = 0;
    let at = 0;
    for (const edit of sorted) {
      assert.equal(result.slice(at + delta, edit.start + delta), text.slice(at, edit.start));
      delta += edit.newText.length - (edit.end - edit.start);
      at = edit.end;
    }
    assert.equal(result.slice(at + delta), text.slice(at));
    assert.deepEqual(service.fixAll(doc(result), DEFAULT_CHECK_OPTIONS), []);
  });
});
