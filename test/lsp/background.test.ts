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
  const check = (uri: string, text: string, keep: boolean, isStale = () => false) => checker.check(uri, text, glossaries, options, isStale, keep);

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

  test('a closed draft is forgotten, and only the latest two drafts are kept', async () => {
    const text = draft(10);
    await check('file:///a.md', text, true);
    checker.forget('file:///a.md');
    assert.equal((await check('file:///a.md', text, true))?.incremental, false);
    await check('file:///b.md', text, true);
    await check('file:///c.md', text, true);
    assert.equal((await check('file:///c.md', text, true))?.incremental, true);
    assert.equal((await check('file:///b.md', text, true))?.incremental, true);
    assert.equal((await check('file:///a.md', text, true))?.incremental, false, 'a third draft was kept');
  });
});
