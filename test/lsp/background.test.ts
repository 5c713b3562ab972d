import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, DEFAULT_CHECK_OPTIONS, type Finding } from '../../server/src/core';
import { BackgroundChecker, type BackgroundResult } from '../../server/src/lsp/background';
import { builtinGlossary, ROOT } from '../helpers/fixtures';

/**
 * The background checker on the bundled server's worker (dist/server.js), as the server runs it
 * for oversized drafts: a draft checked with `keep` has its next version checked on the kept
 * analysis, with the findings a fresh check gives.
 */
suite('background checks of oversized drafts', function () {
  this.timeout(60000);
  const glossaries = [builtinGlossary()];
  const options = DEFAULT_CHECK_OPTIONS;
  const errors: string[] = [];
  let checker: BackgroundChecker;

  const paragraph = (i: number) => `Paragraph ${i}: the ADMM Plus and the AMMTC met; the ASEAN Regional Forum (ARF) welcomed the Cyber Security Partnership.\n\n`;
  const draft = (paragraphs: number) => Array.from({ length: paragraphs }, (_, i) => paragraph(i)).join('');
  /** `text` with `insert` written at `at`. */
  const edit = (text: string, at: number, insert: string) => text.slice(0, at) + insert + text.slice(at);
  const fresh = (text: string): Finding[] => createLexiconService({ glossaries }).diagnose(TextDocument.create('file:///fresh.md', 'markdown', 1, text), options);
  const sameFindings = (result: BackgroundResult | undefined, text: string) => {
    assert.ok(result, 'the check was dropped');
    assert.deepEqual(JSON.parse(JSON.stringify(result.findings)), JSON.parse(JSON.stringify(fresh(text))));
  };
  const check = (uri: string, text: string, keep: boolean, isStale = () => false, version = 1) => checker.check(uri, text, glossaries, options, isStale, keep ? version : undefined);
  const inProcess = () => createLexiconService({ glossaries });
  /** The position of the `nth` (from 0) occurrence of `needle` in `text`, plus `shift` characters. */
  const positionOf = (text: string, needle: string, nth = 0, shift = 0) => {
    let at = text.indexOf(needle);
    for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `no ${needle} in the draft`);
    return TextDocument.create('file:///p.md', 'markdown', 1, text).positionAt(at + shift);
  };
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value ?? null));

  setup(() => {
    checker = new BackgroundChecker(path.join(ROOT, 'dist', 'server.js'), (m) => errors.push(m));
  });
  teardown(() => {
    checker.dispose();
    assert.deepEqual(errors.splice(0), []);
  });

  test("a kept draft's next version is checked on its analysis, with a fresh check's findings", async () => {
    const v1 = draft(40);
    const first = await check('file:///kept.md', v1, true);
    assert.equal(first?.incremental, false);
    sameFindings(first, v1);
    // A new variant in the middle: the findings after it shift.
    const v2 = edit(v1, v1.indexOf('Paragraph 20'), 'The ADMM+ met. ');
    const second = await check('file:///kept.md', v2, true);
    assert.equal(second?.incremental, true);
    sameFindings(second, v2);
  });

  test('a running check made stale by its own draft finishes, and the next version builds on it', async () => {
    const v1 = draft(40);
    await check('file:///typed.md', v1, true);
    let version = 2;
    const v2 = edit(v1, 0, 'The UNGA ');
    const v3 = edit(v2, 0, 'The AMM-TC ');
    // Both asked in the same turn: the check of v2 is running when v3 makes it stale.
    const second = check('file:///typed.md', v2, true, () => version !== 2);
    version = 3;
    const third = check('file:///typed.md', v3, true, () => version !== 3);
    assert.equal(await second, undefined);
    const result = await third;
    assert.equal(result?.incremental, true, 'the worker was replaced: the check of v3 started from scratch');
    sameFindings(result, v3);
  });

  test('a stale check that keeps nothing is stopped, and the next one starts from scratch', async () => {
    const v1 = draft(40);
    let version = 1;
    const first = check('file:///unkept.md', v1, false, () => version !== 1);
    version = 2;
    const v2 = edit(v1, 0, 'The UNGA ');
    const second = check('file:///unkept.md', v2, false, () => version !== 2);
    assert.equal(await first, undefined);
    const result = await second;
    assert.equal(result?.incremental, false);
    sameFindings(result, v2);
    // Nothing was kept of it either.
    assert.equal((await check('file:///unkept.md', v2, true))?.incremental, false);
  });

  test('hover, completion and quick fixes on a kept draft are answered from its analysis, as on the server\'s thread', async () => {
    const uri = 'file:///asked.md';
    const text = edit(draft(40), draft(40).indexOf('Paragraph 25'), 'The ASEAN Reg');
    await check(uri, text, true, () => false, 7);
    const doc = TextDocument.create(uri, 'markdown', 7, text);
    const onTerm = positionOf(text, 'ARF', 12, 1);
    const hover = await checker.hover(uri, 7, glossaries, onTerm, () => false);
    assert.match(JSON.stringify(hover), /ASEAN Regional Forum/);
    assert.deepEqual(plain(hover), plain(inProcess().hover(doc, onTerm)));
    assert.equal(await checker.hover(uri, 7, glossaries, positionOf(text, 'Paragraph 3:'), () => false), undefined, 'a hover on no term');
    const typed = positionOf(text, 'The ASEAN Reg', 0, 'The ASEAN Reg'.length);
    const completion = await checker.complete(uri, 7, glossaries, typed, () => false);
    assert.ok(completion && completion.items.some((item) => item.label.startsWith('ASEAN Regional Forum')), JSON.stringify(completion?.items.map((item) => item.label)));
    assert.deepEqual(plain(completion), plain(inProcess().complete(doc, typed)));
    const range = { start: positionOf(text, 'ADMM Plus', 30), end: positionOf(text, 'ADMM Plus', 30, 9) };
    const fixes = await checker.codeActions(uri, 7, glossaries, range, options, () => false);
    assert.ok(fixes?.some((fix) => fix.edits.some((e) => e.newText === 'ADMM-Plus')), JSON.stringify(fixes?.map((fix) => fix.title)));
    assert.deepEqual(plain(fixes), plain(inProcess().codeActions(doc, range, options)));
    // Quick fixes do not wait for a version not checked yet.
    assert.equal(await checker.codeActions(uri, 8, glossaries, range, options, () => false), undefined);
  });

  test('an idle worker lets its drafts go; a query then waits for a new check, which a new worker answers', async () => {
    const idle = new BackgroundChecker(path.join(ROOT, 'dist', 'server.js'), (m) => errors.push(m), 100);
    try {
      const uri = 'file:///idle.md';
      const text = draft(40);
      const onTerm = positionOf(text, 'ARF', 12, 1);
      sameFindings(await idle.check(uri, text, glossaries, options, () => false, 1), text);
      assert.ok(idle.keeps(uri, 1, glossaries));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(idle.keeps(uri, 1, glossaries), false, 'the worker still keeps the draft after its idle time');
      // Asked now, a hover waits for a check of its version (the server starts one: server.ts, `inBackground`).
      const hover = idle.hover(uri, 1, glossaries, onTerm, () => false);
      sameFindings(await idle.check(uri, text, glossaries, options, () => false, 1), text);
      assert.deepEqual(plain(await hover), plain(inProcess().hover(TextDocument.create(uri, 'markdown', 1, text), onTerm)));
      assert.match(JSON.stringify(await hover), /ASEAN Regional Forum/);
    } finally {
      idle.dispose();
    }
  });

  test('a query waits for the check of its version, and is dropped when its draft changes first', async () => {
    const uri = 'file:///waiting.md';
    const v1 = draft(40);
    await check(uri, v1, true, () => false, 1);
    let version = 2;
    const v2 = edit(v1, v1.indexOf('Paragraph 20'), 'The AMMTC met. ');
    const onNew = positionOf(v2, 'The AMMTC met.', 0, 5);
    // Asked before version 2 is checked: on version 1's analysis it would find nothing there.
    assert.equal(inProcess().hover(TextDocument.create(uri, 'markdown', 1, v1), onNew), undefined);
    const early = checker.hover(uri, 2, glossaries, onNew, () => version !== 2);
    assert.ok((await check(uri, v2, true, () => version !== 2, 2))?.incremental);
    assert.deepEqual(plain(await early), plain(inProcess().hover(TextDocument.create(uri, 'markdown', 2, v2), onNew)));
    assert.match(JSON.stringify(await early), /AMMTC/);
    // Asked about version 3, which version 4 replaces before it is checked.
    const stale = checker.hover(uri, 3, glossaries, onNew, () => version !== 3);
    version = 4;
    const v4 = edit(v2, 0, 'The ARF met. ');
    await check(uri, v4, true, () => version !== 4, 4);
    assert.equal(await stale, undefined);
    // Another glossary set: version 4's analysis is not of it, so the query waits for its check.
    const others = [builtinGlossary()];
    const otherSet = checker.hover(uri, 4, others, positionOf(v4, 'The ARF met.', 0, 5), () => version !== 4);
    assert.ok(!checker.keeps(uri, 4, others) && checker.keeps(uri, 4, glossaries));
    await checker.check(uri, v4, others, options, () => version !== 4, 4);
    assert.match(JSON.stringify(await otherSet), /ASEAN Regional Forum/);
    assert.ok(checker.keeps(uri, 4, others));
  });

  test('a closed draft is forgotten, and only the latest two drafts are kept', async () => {
    const text = draft(10);
    await check('file:///a.md', text, true);
    assert.ok(checker.keeps('file:///a.md', 1, glossaries));
    // A hover waiting for a version of the draft is answered with nothing when it closes.
    let answered: unknown = 'nothing yet';
    const waiting = checker.hover('file:///a.md', 2, glossaries, { line: 0, character: 0 }, () => false).then((answer) => (answered = answer));
    checker.forget('file:///a.md');
    await Promise.resolve();
    assert.equal(answered, undefined, 'the hover still waits for a draft that was closed');
    await waiting;
    assert.ok(!checker.keeps('file:///a.md', 1, glossaries));
    assert.equal((await check('file:///a.md', text, true))?.incremental, false);
    await check('file:///b.md', text, true);
    await check('file:///c.md', text, true);
    assert.equal((await check('file:///c.md', text, true))?.incremental, true);
    assert.equal((await check('file:///b.md', text, true))?.incremental, true);
    assert.equal((await check('file:///a.md', text, true))?.incremental, false, 'a third draft was kept');
    assert.ok(!checker.keeps('file:///c.md', 1, glossaries) && checker.keeps('file:///b.md', 1, glossaries));
  });
});
