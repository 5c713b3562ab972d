import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, DEFAULT_CHECK_OPTIONS, formFinder, packedBuffers, packPrepared, prepareDocument, unpackPrepared, type PreparedDocument } from '../../server/src/core';
import { GlossaryIndex } from '../../server/src/core/glossary/glossaryIndex';
import { parseDocument } from '../../server/src/core/markdown/blocks';
import { builtinGlossary, glossaryFixture, readFixture } from '../helpers/fixtures';
import { checkProperty } from '../helpers/property';
import { draftArbitrary } from '../fuzz/drafts';

// The CLI prepares drafts on one thread and analyses them on another (cli.ts, checkInPipeline):
// what crosses must come out as it went in, and an analysis from it must equal one from the text.
const GLOSSARIES = [builtinGlossary()];
const INDEX = new GlossaryIndex(GLOSSARIES);

/** Everything a block carries, and each block's matches as offsets and text. */
function shape(prepared: PreparedDocument): unknown {
  return { parsed: prepared.parsed, matcherKey: prepared.matcherKey, matches: prepared.matches.map((found) => found?.map((m) => [m.index, m.text])) };
}

/** Through structured clone, as a message between threads, with its buffers transferred. */
function acrossThreads(prepared: PreparedDocument): PreparedDocument {
  const packed = packPrepared(prepared);
  return unpackPrepared(structuredClone(packed, { transfer: packedBuffers(packed) }));
}

const TRICKY = [
  '---\ntitle: A draft\n---\n# The ASEAN Regional Forum (ARF)\n\nThe ARF met.<!-- policy-lexicon-disable near-miss --> Then the ADMM-Plus.\n',
  'Line one\r\nThe ARF\r\n\r\n> Quoted ARF\r\n> text.\r\n\r\n- item with ASEAN\r\n  continued\r\n',
  '\uFEFFThe 𝒜 ARF 😀 met the ASEAN Regional Forum.\n\n| a | ARF |\n|---|---|\n| ADMM | x |\n\n```\nARF in code\n```\n\n<div>ARF</div>\n',
  '',
  'No terms at all.',
  '# Heading only',
];

suite('prepared documents', () => {
  test('a prepared draft comes through packing and structured clone as it went in', () => {
    for (const text of [...TRICKY, readFixture('drafts', 'dirty.md'), readFixture('drafts', 'seed-statement.md')]) {
      const prepared = prepareDocument(text, INDEX);
      assert.deepEqual(shape(acrossThreads(prepared)), shape(prepared), JSON.stringify(text.slice(0, 40)));
      assert.deepEqual(prepared.parsed, parseDocument(text));
    }
    // The comment of the first draft, with its text, and matches in the blocks with prose.
    const first = acrossThreads(prepareDocument(TRICKY[0], INDEX));
    assert.deepEqual(first.parsed.blocks.flatMap((b) => b.comments.map((c) => c.text)), ['<!-- policy-lexicon-disable near-miss -->']);
    assert.ok(first.matches.some((found) => found?.some((m) => m.text === 'ADMM-Plus')));
  });

  test('an analysis from a prepared draft gives the findings of one from its text', () => {
    const options = { ...DEFAULT_CHECK_OPTIONS };
    checkProperty(
      fc.property(draftArbitrary(GLOSSARIES), (text) => {
        const service = createLexiconService({ glossaries: GLOSSARIES });
        const plain = service.diagnose(TextDocument.create('file:///plain.md', 'markdown', 1, text), options);
        const prepared = service.diagnose(TextDocument.create('file:///prepared.md', 'markdown', 1, text), options, acrossThreads(prepareDocument(text, INDEX)));
        assert.deepEqual(prepared, plain);
      }),
      60,
    );
  });

  test('a finder made on another thread from an index\'s forms finds what the index finds, with its key', () => {
    for (const glossaries of [GLOSSARIES, [glossaryFixture('mini.lexicon.yaml')]]) {
      const index = new GlossaryIndex(glossaries);
      const finder = formFinder(structuredClone(index.matcherForms()));
      assert.equal(finder.matcherKey(), index.matcherKey());
      for (const text of [readFixture('drafts', 'dirty.md'), readFixture('drafts', 'seed-statement.md'), TRICKY[2]]) {
        for (const block of parseDocument(text).blocks) {
          const found = [...finder.matches(block.prose)];
          assert.deepEqual(found, [...index.matches(block.prose)]);
        }
      }
    }
    // Something to find: the seed statement's names.
    assert.ok([...formFinder(INDEX.matcherForms()).matches('The ASEAN Regional Forum met.')].length > 0);
  });

  test('the analysis takes the matches only from a matcher of the same forms, and the parse only of the same text', () => {
    const text = 'The ASEAN Regional Forum met. The ARF agreed.\n';
    const other = new GlossaryIndex([glossaryFixture('mini.lexicon.yaml')]);
    assert.notEqual(other.matcherKey(), INDEX.matcherKey());
    assert.equal(new GlossaryIndex([builtinGlossary()]).matcherKey(), INDEX.matcherKey());
    const service = createLexiconService({ glossaries: GLOSSARIES });
    const mentions = (prepared?: PreparedDocument) =>
      service.analyse(TextDocument.create(`file:///m${Math.random()}.md`, 'markdown', 1, text), prepared).mentions.map((m) => m.text);
    const expected = mentions();
    assert.deepEqual(expected, ['ASEAN Regional Forum', 'ARF']);
    // Matches from another glossary's matcher (none of these forms) are not taken: the analysis matches again.
    assert.deepEqual(mentions(prepareDocument(text, other)), expected);
    // Matches that a matcher of the same key had found are taken as they are (here, tampered with to show it).
    const same = prepareDocument(text, INDEX);
    const tampered: PreparedDocument = { ...same, matches: same.matches.map((found) => found?.slice(1)) };
    assert.deepEqual(mentions(tampered), ['ARF']);
    // A parse of another text is not taken either.
    assert.deepEqual(mentions({ ...tampered, parsed: parseDocument(text.replace('ARF', 'ARX')) }), expected);
  });
});
