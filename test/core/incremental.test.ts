import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, createLexiconService, DEFAULT_CHECK_OPTIONS, type Finding } from '../../server/src/core';
import { changeBetween } from '../../server/src/core/analysis';
import { parseDocument, reparseDocument } from '../../server/src/core/markdown/blocks';
import { builtinGlossary } from '../helpers/fixtures';
import { applyRandomEdit, draft, edit, longDraft, runs } from '../helpers/random';

// Property tests: on failure fast-check prints the seed and path; replay with FC_SEED=<seed> FC_PATH=<path> npm test.
const glossary = builtinGlossary();

/** Everything a finding publishes, positions included. */
function published(findings: readonly Finding[]) {
  return findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end, range: f.range, message: f.message, fix: f.fix, related: f.related }));
}

suite('incremental analysis', () => {
  test('changeBetween finds the one edit between two texts', () => {
    assert.equal(changeBetween('abc', 'abc'), undefined);
    assert.deepEqual(changeBetween('the ARF met', 'the ADMM met'), { start: 5, end: 7, newLength: 3 });
    assert.deepEqual(changeBetween('aaaa', 'aaaaa'), { start: 4, end: 4, newLength: 1 });
    assert.deepEqual(changeBetween('x'.repeat(10000) + 'y', 'x'.repeat(10000) + 'zy'), { start: 10000, end: 10000, newLength: 1 });
  });

  test('a re-parse around an edit gives exactly the blocks of a full parse', () => {
    let partial = 0;
    fc.assert(
      fc.property(fc.oneof(draft, longDraft), fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        let text = start;
        let parsed = parseDocument(text);
        for (const e of edits) {
          const next = applyRandomEdit(text, e);
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
      runs(400),
    );
    // The property must exercise the partial re-parse, not only its fall-back to a full parse.
    assert.ok(partial > 100, `only ${partial} partial re-parses`);
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

  test('after any edits, findings equal those of a fresh analysis, every range and fix lies inside the document', () => {
    fc.assert(
      fc.property(fc.oneof(draft, longDraft), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const live = createLexiconService({ glossaries: [glossary] });
        const doc = TextDocument.create('file:///live.md', 'markdown', 1, start);
        live.diagnose(doc, DEFAULT_CHECK_OPTIONS);
        for (const e of edits) {
          const text = doc.getText();
          const next = applyRandomEdit(text, e);
          TextDocument.update(doc, [{ range: { start: doc.positionAt(next.start), end: doc.positionAt(next.end) }, text: next.insert }], doc.version + 1);
          const incremental = live.diagnose(doc, DEFAULT_CHECK_OPTIONS);
          const fresh = createLexiconService({ glossaries: [glossary] }).diagnose(TextDocument.create('file:///fresh.md', 'markdown', 1, doc.getText()), DEFAULT_CHECK_OPTIONS);
          assert.deepEqual(published(incremental), published(fresh));
          const length = doc.getText().length;
          for (const f of incremental) {
            assert.ok(f.start >= 0 && f.start <= f.end && f.end <= length, `${f.rule} [${f.start}, ${f.end}) outside 0..${length}`);
            for (const x of f.fix?.edits ?? []) assert.ok(x.start >= f.start && x.end <= f.end, `${f.rule}: fix [${x.start}, ${x.end}) outside its finding [${f.start}, ${f.end})`);
          }
        }
      }),
      runs(150),
    );
  });

  test('fix-all is idempotent and changes nothing outside the fixed ranges', () => {
    const service = createLexiconService({ glossaries: [glossary] });
    fc.assert(
      fc.property(draft, (text) => {
        const edits = [...service.fixAll(TextDocument.create('file:///a.md', 'markdown', 1, text), DEFAULT_CHECK_OPTIONS)].sort((a, b) => a.start - b.start);
        const once = applyEdits(text, edits);
        let delta = 0;
        let at = 0;
        for (const x of edits) {
          assert.equal(once.slice(at + delta, x.start + delta), text.slice(at, x.start));
          delta += x.newText.length - (x.end - x.start);
          at = x.end;
        }
        assert.equal(once.slice(at + delta), text.slice(at));
        const again = service.fixAll(TextDocument.create('file:///b.md', 'markdown', 1, once), DEFAULT_CHECK_OPTIONS);
        assert.equal(applyEdits(once, again), once, 'a second fix-all changes nothing');
      }),
      runs(300),
    );
  });
});
