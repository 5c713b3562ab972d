import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, DEFAULT_CHECK_OPTIONS } from '../../server/src/core';
import { changeBetween, DocumentAnalyser } from '../../server/src/core/analysis';
import { GlossaryIndex } from '../../server/src/core/glossary/glossaryIndex';
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

  test('a block\'s prose blanks heading, quote and list markers, line by line', () => {
    const text = '# Title #\n\nPlain text\nacross lines.\n\n> Quoted\n> text.\n\n- Item one\n  continued.\n- Item two\n\n1. First\n';
    assert.deepEqual(parseDocument(text).blocks.map((b) => [b.kind, b.prose]), [
      ['heading', '  Title  \n'],
      ['paragraph', 'Plain text\nacross lines.\n'],
      ['paragraph', '  Quoted\n  text.\n'],
      ['paragraph', '  Item one\n  continued.\n'],
      ['paragraph', '  Item two\n'],
      ['paragraph', '   First\n'],
    ]);
    // A list item that starts on a paragraph's second line (a lazy continuation cannot, so a nested list).
    const nested = parseDocument('- a\n  - b\n').blocks.map((b) => b.prose);
    assert.deepEqual(nested, ['  a\n', '    b\n']);
  });

  test('a BOM parses as a space wherever it is, and a NUL as U+FFFD, offsets kept', () => {
    const shape = (text: string) => parseDocument(text).blocks.map((b) => [b.kind, b.start, b.end, b.prose]);
    assert.deepEqual(shape('\uFEFF# Title\n\nText \u0000 here.\n'), shape(' # Title\n\nText \uFFFD here.\n'));
    assert.deepEqual(shape('\uFEFF# Title\n')[0].slice(0, 3), ['heading', 0, 9]);
    assert.deepEqual(shape('Text \u0000 here.\n'), shape('Text \uFFFD here.\n'));
    // Not only at the start: a block's prose must not depend on where the block stands.
    assert.deepEqual(shape('Text.\n\n\uFEFFFIFTH GENERATION\n'), shape('Text.\n\n FIFTH GENERATION\n'));
  });

  test('a block an edit moves keeps no findings of its old place (a BOM at the start, found by the fuzzer)', () => {
    const service = createLexiconService({ glossaries: GLOSSARIES });
    let text = '\uFEFFFIFTH GENERATION';
    let version = 1;
    service.diagnose(TextDocument.create('file:///moved.md', 'markdown', version, text), DEFAULT_CHECK_OPTIONS);
    for (const inserted of ['\n', '\n# ']) {
      text = inserted + text;
      const edited = service.diagnose(TextDocument.create('file:///moved.md', 'markdown', ++version, text), DEFAULT_CHECK_OPTIONS);
      const fresh = createLexiconService({ glossaries: GLOSSARIES }).diagnose(TextDocument.create('file:///fresh.md', 'markdown', 1, text), DEFAULT_CHECK_OPTIONS);
      assert.deepEqual(edited, fresh, JSON.stringify(text));
    }
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

  test('the document-order state carried on from the unchanged blocks equals a fresh analysis', () => {
    const index = new GlossaryIndex(GLOSSARIES);
    checkProperty(
      fc.property(fc.oneof(draftArbitrary(GLOSSARIES), longDraftArbitrary(GLOSSARIES)), fc.array(editArbitrary(GLOSSARIES), { minLength: 1, maxLength: 8 }), (start, edits) => {
        const analyser = new DocumentAnalyser();
        let text = start;
        let previous = analyser.analyse(text, index);
        for (const relative of edits) {
          text = applyTextEdit(text, resolveEdit(text, relative));
          const next = analyser.analyse(text, index);
          const fresh = new DocumentAnalyser().analyse(text, index);
          const offsets = (m: ReadonlyMap<string, { start: number }>) => [...m].map(([id, mention]) => [id, mention.start]);
          assert.deepEqual(offsets(next.firstMentions), offsets(fresh.firstMentions));
          assert.deepEqual([...next.introductions], [...fresh.introductions]);
          assert.deepEqual([...next.introductionEnds], [...fresh.introductionEnds]);
          assert.deepEqual(next.mentionStarts, fresh.mentionStarts);
          // Each entry's mentions are the analysis's own, in order: the kept part and the part carried again.
          const byEntry = (a: typeof next) => [...a.entryMentions].map(([id, list]) => [id, list.map((m) => a.mentions.indexOf(m))]);
          assert.deepEqual(byEntry(next), byEntry(fresh));
          assert.deepEqual(next.expansionBlocks, fresh.expansionBlocks);
          // The mentions of moved blocks are placed again, not made again: they must say where they are now.
          const placed = (a: typeof next) =>
            a.mentions.map((m) => [m.start, m.end, m.block, m.text, m.entry?.id, m.expansionOf?.start, m.definedBy?.start, m.plural, m.caseMismatch, m.citation?.number]);
          assert.deepEqual(placed(next), placed(fresh));
          assert.equal(next.previousSerial, previous.serial);
          assert.equal(text.slice(0, next.unchangedBefore), previous.text.slice(0, next.unchangedBefore));
          previous = next;
        }
      }),
      300,
    );
  });

  test('a finding before an edit that splits a CRLF keeps its position, and one after it moves', () => {
    const service = createLexiconService({ glossaries: GLOSSARIES });
    const text = 'The ASEAN Regional Forum (ARF) met.\r\n\r\nAgain the ASEAN Regional Forum (ARF)\r\n\r\nAnd the ASEAN Regional Forum (ARF) too.\r\n';
    const doc = TextDocument.create('file:///crlf.md', 'markdown', 1, text);
    const before = service.diagnose(doc, { ...DEFAULT_CHECK_OPTIONS });
    // Between the CR and the LF of the blank line: before it, nothing moves; after it, a line more.
    const split = text.indexOf('\r\nAnd') + 1;
    // A full-text change: a range change would be clamped to the line's end, before the CR.
    TextDocument.update(doc, [{ text: `${text.slice(0, split)}x${text.slice(split)}` }], 2);
    const after = service.diagnose(doc, { ...DEFAULT_CHECK_OPTIONS });
    const fresh = createLexiconService({ glossaries: GLOSSARIES }).diagnose(TextDocument.create('file:///fresh.md', 'markdown', 1, doc.getText()), { ...DEFAULT_CHECK_OPTIONS });
    assert.deepEqual(after, fresh);
    const repeats = after.filter((f) => f.rule === 'repeated-expansion');
    assert.equal(repeats.length, 2);
    assert.ok(before.includes(repeats[0]), 'the finding before the edit is reused');
    assert.deepEqual(repeats[1].range.start, { line: 5, character: 8 });
  });

  test('a finding whose offsets stay put is positioned again when a line break appears before it', () => {
    const service = createLexiconService({ glossaries: GLOSSARIES });
    const text = 'The ASEAN Regional Forum (ARF) met in Singapore.\n\nAgain the ASEAN Regional Forum (ARF).\n';
    const doc = TextDocument.create('file:///moved.md', 'markdown', 1, text);
    const [before] = service.diagnose(doc, { ...DEFAULT_CHECK_OPTIONS });
    assert.deepEqual(before.range.start, { line: 2, character: 10 });
    // Same length: every offset after the edit is unchanged, but the finding is a line further down.
    const at = text.indexOf(' in Singapore');
    TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 1) }, text: '\n' }], 2);
    const [after] = service.diagnose(doc, { ...DEFAULT_CHECK_OPTIONS });
    assert.equal(after.start, before.start);
    assert.deepEqual(after.range.start, { line: 3, character: 10 });
  });
});
