import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CHECK_OPTIONS, GlossaryIndex } from '../../server/src/core';
import { detached, memoised } from '../../server/src/core/text';
import { builtinGlossary, builtinService } from '../helpers/fixtures';

// What the server keeps between keystrokes must not keep old versions of a draft alive. V8 makes
// a slice of a string a view into the whole string, so one word cut from a 400 KB draft and kept
// in a cache keeps those 400 KB. These tests measure the heap after a full collection.

/** A full garbage collection (V8's own `gc`, exposed to this process on first use). */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Bytes in V8's large-object space: where strings of more than about 128 KB live. */
function largeObjectBytes(): number {
  collect();
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space')!.space_used_size;
}

const PARAGRAPH = (i: number) =>
  `Paragraph ${i}: the ASEAN Regional Forum (ARF) and the AMMTC discussed interoperability, the ASEAN Cyber Capacity Building Project ` +
  `and UNGA resolution 73-27 with the Telmin and the ASEAN Regional Forum (ARF) again; organised by the ARF ISM on ICTs Security.`;

suite('what outlives a draft version', () => {
  test('edits in many paragraphs keep no earlier version of a large draft alive', () => {
    const text = Array.from({ length: 1600 }, (_, i) => PARAGRAPH(i)).join('\n\n') + '\n';
    assert.ok(text.length > 300_000);
    const service = builtinService();
    let doc = TextDocument.create('file:///retention.md', 'markdown', 1, text);
    const found = service.diagnose(doc, DEFAULT_CHECK_OPTIONS).length;
    assert.ok(found > 1000, `${found} findings`);
    const before = largeObjectBytes();
    // Each edit in another paragraph: a new version, re-analysed around the edit only.
    for (let e = 0; e < 40; e++) {
      const at = doc.getText().indexOf(`Paragraph ${e * 40}:`);
      const position = doc.positionAt(at);
      doc = TextDocument.update(doc, [{ range: { start: position, end: position }, text: 'The interoperability of the ASEAN Regional Forum (ARF). ' }], doc.version + 1);
      service.diagnose(doc, DEFAULT_CHECK_OPTIONS);
    }
    const grown = largeObjectBytes() - before;
    // The current version, and what the text document's own representation keeps, but not one per edit.
    assert.ok(grown < 3 * text.length, `the large-object space grew by ${grown} bytes over 40 edits of a ${text.length}-character draft`);
  });

  test('detached copies keep only their own characters', () => {
    const big = 'x'.repeat(1 << 20);
    const before = largeObjectBytes();
    let kept = Array.from({ length: 20 }, (_, i) => detached(`${big}${i}`.slice(i, i + 20)));
    assert.deepEqual(kept.slice(0, 2), ['x'.repeat(20), 'x'.repeat(20)]);
    assert.equal(detached('short'), 'short');
    assert.ok(largeObjectBytes() - before < 1 << 20, 'twenty slices kept twenty copies of their megabyte');
    kept = [];
    // Contrast: the same slices without copying keep every one of the twenty strings.
    const slices = Array.from({ length: 20 }, (_, i) => `${big}${i}`.slice(i, i + 20));
    assert.ok(largeObjectBytes() - before >= 20 << 20, 'the engine no longer keeps the parent of a slice alive: this test measures nothing');
    assert.equal(slices.length + kept.length, 20);
  });

  test('memoised keys are copies', () => {
    const big = 'y'.repeat(1 << 20);
    const lower = memoised((word) => word.toLowerCase());
    const before = largeObjectBytes();
    // Twenty different words, each cut from a string of its own of a megabyte.
    for (let i = 0; i < 20; i++) assert.equal(lower(`${i}${big}`.slice(0, 20)), `${i}${'y'.repeat(20 - String(i).length)}`);
    assert.ok(largeObjectBytes() - before < 1 << 20, 'the memo keeps the strings its keys were cut from');
  });

  test('the forms a glossary index has looked up are kept as copies', () => {
    const index = new GlossaryIndex([builtinGlossary()]);
    const name = 'ASEAN Regional Forum';
    const id = index.lookup(name)?.ref.entry.id;
    assert.ok(id);
    const big = 'z'.repeat(1 << 20);
    const before = largeObjectBytes();
    // Forty texts the index has not seen, each cut from a string of its own of a megabyte: twenty
    // casings of a name (found) and twenty that are no form (not found, and kept as such).
    for (let i = 0; i < 20; i++) {
      const written = [...name].map((c, k) => ((i >> k % 5) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
      assert.equal(index.lookup(`${written}${big}`.slice(0, name.length))?.ref.entry.id, id);
      assert.equal(index.lookup(`${i}${big}`.slice(0, 20)), undefined);
    }
    // A few megabytes at most: V8 keeps the subject of the last pattern match; forty kept would be forty.
    const grown = largeObjectBytes() - before;
    assert.ok(grown < 4 << 20, `the index keeps the strings its looked-up texts were cut from (${grown} bytes)`);
  });
});
