import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { changeBetween } from '../../server/src/core/analysis';
import { parseDocument, reparseDocument } from '../../server/src/core/markdown/blocks';
import { builtinGlossary } from '../helpers/fixtures';
import { checkProperty } from '../helpers/property';
import { applyTextEdit, draftArbitrary, editArbitrary, longDraftArbitrary, resolveEdit } from '../fuzz/drafts';

// Findings after edits against a fresh analysis, and fix-all, are properties in properties.test.ts;
// here the parse itself: a re-parse around an edit against a full parse.
const GLOSSARIES = [builtinGlossary()];

suite('incremental analysis', () => {
  test('changeBetween finds the one edit between two texts', () => {
    assert.equal(changeBetween('abc', 'abc'), undefined);
    assert.deepEqual(changeBetween('the ARF met', 'the ADMM met'), { start: 5, end: 7, newLength: 3 });
    assert.deepEqual(changeBetween('aaaa', 'aaaaa'), { start: 4, end: 4, newLength: 1 });
    assert.deepEqual(changeBetween('x'.repeat(10000) + 'y', 'x'.repeat(10000) + 'zy'), { start: 10000, end: 10000, newLength: 1 });
  });

  test('a re-parse around an edit gives exactly the blocks of a full parse', () => {
    let partial = 0;
    checkProperty(
      fc.property(fc.oneof(draftArbitrary(GLOSSARIES), longDraftArbitrary(GLOSSARIES)), fc.array(editArbitrary(GLOSSARIES), { minLength: 1, maxLength: 12 }), (start, edits) => {
        let text = start;
        let parsed = parseDocument(text);
        for (const relative of edits) {
          const e = resolveEdit(text, relative);
          const next = { text: applyTextEdit(text, e), start: e.start, end: e.end, insert: e.text };
          const re = reparseDocument(parsed, next.text, { start: next.start, end: next.end, newLength: next.insert.length });
          const full = parseDocument(next.text);
          assert.deepEqual(re.blocks, full.blocks);
          assert.deepEqual(re.tops, full.tops);
          assert.deepEqual(re.lineStart, full.lineStart);
          if (re.reused.some((i) => i >= 0)) partial++;
          text = next.text;
          parsed = re;
        }
      }),
      400,
    );
    // The property must exercise the partial re-parse, not only its fall-back to a full parse.
    if (!process.env.FC_PATH) assert.ok(partial > 100, `only ${partial} partial re-parses`);
  });

  test('a re-parse reuses the blocks away from the edit', () => {
    const paragraphs = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} on the ASEAN Regional Forum (ARF).`).join('\n\n');
    const before = parseDocument(paragraphs);
    const at = paragraphs.indexOf('Paragraph 25') + 10;
    const after = reparseDocument(before, `${paragraphs.slice(0, at)}x${paragraphs.slice(at)}`, { start: at, end: at, newLength: 1 });
    assert.ok(after.reused.filter((i) => i >= 0).length >= 45, `reused ${after.reused.filter((i) => i >= 0).length} of 50`);
    assert.equal(after.blocks[0], before.blocks[0]);
  });

  test('edits that change the structure far from them: a fence, front matter, joined paragraphs', () => {
    const base = 'Intro on the ARF.\n\nThe AMMTC met.\n\n- a list item on TELMIN\n- another\n\n> quoted ADMM Plus\n\nLast paragraph on the UN GGE.\n\nEnd.\n';
    const cases: Array<[number, number, string]> = [
      [base.indexOf('The AMMTC'), base.indexOf('The AMMTC'), '```\n'],
      [0, 0, '---\ntitle: x\n'],
      [base.indexOf('The AMMTC') - 1, base.indexOf('The AMMTC'), ''],
      [base.indexOf('- another'), base.indexOf('- another'), '  continued\n'],
      [base.indexOf('> quoted'), base.indexOf('> quoted') + 2, ''],
      [base.indexOf('Last'), base.indexOf('Last'), '<div>\n'],
      [base.length, base.length, 'tail without newline'],
    ];
    for (const [start, end, insert] of cases) {
      const text = base.slice(0, start) + insert + base.slice(end);
      const re = reparseDocument(parseDocument(base), text, { start, end, newLength: insert.length });
      assert.deepEqual(re.blocks, parseDocument(text).blocks, JSON.stringify(insert));
    }
  });
});
