import * as assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Hover, LogMessageParams, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CHECK_OPTIONS, MAX_INTERACTIVE_LENGTH } from '../../server/src/core';
import { MAX_BACKGROUND_FINDINGS } from '../../server/src/lsp/background';
import { builtinService } from '../helpers/fixtures';
import { initializedServer, spawnServer, type ServerProcess } from '../helpers/lspClient';

/**
 * A pathological draft (megabytes on one line) is one Markdown block and takes seconds to
 * analyse. The server checks it on a background thread: hover on other documents is answered
 * while that check runs, the draft's own diagnostics still arrive, and only for its last version.
 * A long draft of short paragraphs is checked there too, and its hover, completion and quick
 * fixes are answered by that thread.
 */
suite('an oversized draft over stdio', function () {
  this.timeout(120000);
  let server: ServerProcess;
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const small = 'file:///oversized/small.md';
  const big = 'file:///oversized/one-line.md';
  // About 2.5 MB without a line break: ten times the largest stretch analysed while typing.
  const line = 'The ADMM Plus and the AMMTC met in Singapore on cyber space. '.repeat(40000);

  const hover = (uri: string, character: number) =>
    server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } });
  const diagnosticsOf = (uri: string, version: number) => published.find((p) => p.uri === uri && p.version === version);
  const until = async <T>(what: string, probe: () => T | undefined): Promise<T> => {
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (server.process.exitCode !== null) throw new Error(`the server exited while waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  suiteSetup(async () => {
    server = spawnServer();
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
    });
    server.connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      logs.push(p.message);
    });
    server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    server.connection.onRequest('client/registerCapability', () => null);
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'markdown', version: 1, text: 'The AMMTC met.\n' } });
    await until('the small draft', () => diagnosticsOf(small, 1));
  });
  suiteTeardown(() => server.stop());

  test('hover on another draft is answered while the oversized one is checked', async () => {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'markdown', version: 1, text: line } });
    // Hovers keep going to the small draft until the big one's diagnostics arrive; on a server that
    // analysed the big draft on its own thread they would all wait and be answered after them.
    let answeredBefore = 0;
    while (!diagnosticsOf(big, 1)) {
      const info = await hover(small, 5);
      assert.match(JSON.stringify(info), /AMMTC/);
      if (!diagnosticsOf(big, 1)) answeredBefore++;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(answeredBefore >= 5, `only ${answeredBefore} hovers were answered while the oversized draft was checked`);
    // Every "ADMM Plus" is a finding; the first MAX_BACKGROUND_FINDINGS of them are published, in order.
    const findings = diagnosticsOf(big, 1)!.diagnostics;
    assert.equal(findings.length, MAX_BACKGROUND_FINDINGS);
    const sentence = 'The ADMM Plus and the AMMTC met in Singapore on cyber space. ';
    const plus = findings.filter((d) => d.code === 'non-canonical');
    assert.ok(plus.length > MAX_BACKGROUND_FINDINGS / 3, `${plus.length} non-canonical findings`);
    plus.forEach((d, i) => assert.deepEqual(d.range.start, { line: 0, character: i * sentence.length + 4 }));
    assert.ok(logs.some((m) => m.includes(big) && m.includes('without a blank line')), 'the log says why the draft is checked in the background');
    assert.ok(logs.some((m) => m.includes(big) && m.includes(`the first ${MAX_BACKGROUND_FINDINGS} of`)), 'the log says that findings were left out');
  });

  test('a one-line oversized draft gets no hover, and only its last version is published', async () => {
    assert.equal(await hover(big, 10), null);
    for (let version = 2; version <= 4; version++) {
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: big, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'the ARF ' }],
      });
    }
    const last = await until('version 4', () => diagnosticsOf(big, 4));
    assert.equal(last.diagnostics.length, MAX_BACKGROUND_FINDINGS);
    assert.deepEqual(last.diagnostics.find((d) => d.code === 'non-canonical')?.range.start, { line: 0, character: 3 * 'the ARF '.length + 4 });
    assert.ok(!published.some((p) => p.uri === big && (p.version === 2 || p.version === 3)), 'no diagnostics for a version that was already replaced');
    assert.ok(await hover(small, 5), 'the server still answers');
  });

  test('a draft too long for its length alone is checked version after version with the findings of a fresh check, and answers hover, completion and quick fixes', async () => {
    const uri = 'file:///oversized/long.md';
    // Paragraphs past the total limit; every fiftieth has a finding.
    const paragraph = (i: number) => `${i % 50 === 0 ? 'The ADMM Plus met. ' : ''}${'The ASEAN Regional Forum met in Singapore on the cyber agenda of the region. '.repeat(10)}\n\n`;
    let text = '';
    for (let i = 0; text.length <= MAX_INTERACTIVE_LENGTH; i++) text += paragraph(i);
    const expected = (version: number) => {
      const doc = TextDocument.create(uri, 'markdown', version, text);
      return builtinService()
        .diagnose(doc, DEFAULT_CHECK_OPTIONS)
        .slice(0, MAX_BACKGROUND_FINDINGS)
        .map((f) => [f.rule, doc.positionAt(f.start), doc.positionAt(f.end)]);
    };
    const got = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => [d.code, d.range.start, d.range.end]);
    /** Hover at `position` over stdio, against the in-process hover on the same text. */
    const sameHover = async (version: number, position: Position, name: RegExp) => {
      const info = builtinService().hover(TextDocument.create(uri, 'markdown', version, text), position);
      assert.ok(info, 'no term at the position');
      const answered = await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      assert.ok(answered, `no hover on version ${version}`);
      assert.deepEqual(answered.range, info.range);
      assert.match(JSON.stringify(answered.contents), name);
    };
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    assert.deepEqual(got(await until('version 1', () => diagnosticsOf(uri, 1))), expected(1));
    assert.ok(logs.some((m) => m.includes(uri) && m.includes('characters (more than')), 'the log says why the draft is checked in the background');
    await sameHover(1, { line: 1002, character: 10 }, /ASEAN Regional Forum/);
    // The quick fix of a finding deep in the draft ("ADMM Plus" opens every fiftieth paragraph).
    const plus = { start: { line: 1000, character: 4 }, end: { line: 1000, character: 13 } };
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: plus, context: { diagnostics: [] } });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.deepEqual(fix?.edit?.documentChanges, [{ textDocument: { uri, version: 1 }, edits: [{ range: plus, newText: 'ADMM-Plus' }] }], JSON.stringify(actions.map((a) => a.title)));
    // An edit at the top shifts every finding; one in the middle adds one there. Hover on what
    // each wrote, asked before the server's debounce, is answered from the check of that version.
    const edits = [
      { at: { line: 0, character: 0 }, insert: 'The AMMTC met.\n\n', name: /Transnational Crime/ },
      { at: { line: 2000, character: 0 }, insert: 'The UN GA met. ', name: /United Nations/ },
    ];
    for (const [k, { at, insert, name }] of edits.entries()) {
      const version = k + 2;
      const doc = TextDocument.create(uri, 'markdown', version, text);
      text = text.slice(0, doc.offsetAt(at)) + insert + text.slice(doc.offsetAt(at));
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: insert }] });
      await sameHover(version, { line: at.line, character: at.character + 5 }, name);
      assert.deepEqual(got(await until(`version ${version}`, () => diagnosticsOf(uri, version))), expected(version));
    }
    // Completion of a name being typed.
    const typed = 'The ASEAN Reg';
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: { line: 4000, character: 0 }, end: { line: 4000, character: 0 } }, text: typed }],
    });
    const list = await server.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 4000, character: typed.length } });
    assert.ok(list?.items.some((item) => item.label.startsWith('ASEAN Regional Forum')), JSON.stringify(list?.items.map((item) => item.label)));
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  test('after the background thread let a draft go idle, a hover on it starts a check and is answered from it', async () => {
    // A server whose background thread lives 200 ms idle, not 30 s (main.ts, the test seam).
    const { server: idle, published: seen } = await initializedServer({ env: { ...process.env, POLICY_LEXICON_TEST_BACKGROUND_IDLE_MS: '200' } });
    const uri = 'file:///oversized/idle.md';
    try {
      let text = '';
      for (let i = 0; text.length <= MAX_INTERACTIVE_LENGTH; i++) text += `${'The ASEAN Regional Forum met in Singapore on the cyber agenda of the region. '.repeat(10)}\n\n`;
      await idle.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await until('version 1', () => seen.find((p) => p.uri === uri && p.version === 1));
      // Long past the idle time: the thread, and the draft's analysis with it, are gone.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const position = { line: 1002, character: 10 };
      const info = builtinService().hover(TextDocument.create(uri, 'markdown', 1, text), position);
      assert.ok(info, 'no term at the position');
      const answered = await idle.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      assert.ok(answered, 'no hover after the idle release');
      assert.deepEqual(answered.range, info.range);
      assert.match(JSON.stringify(answered.contents), /ASEAN Regional Forum/);
    } finally {
      await idle.stop();
    }
  });

  test('after the background thread let a draft go idle, a quick fix asked for starts a check, and is offered once it is done', async () => {
    const { server: idle, published: seen } = await initializedServer({ env: { ...process.env, POLICY_LEXICON_TEST_BACKGROUND_IDLE_MS: '200' } });
    const uri = 'file:///oversized/idle-fix.md';
    try {
      let text = '';
      for (let i = 0; text.length <= MAX_INTERACTIVE_LENGTH; i++) text += `${i === 1000 ? 'The ADMM Plus met. ' : ''}${'The ASEAN Regional Forum met in Singapore on the cyber agenda of the region. '.repeat(10)}\n\n`;
      await idle.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await until('version 1', () => seen.find((p) => p.uri === uri && p.version === 1));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Quick fixes do not wait for a check, but asking for them starts one: a later request gets the fix.
      const plus = { start: { line: 2000, character: 4 }, end: { line: 2000, character: 13 } };
      let fix: CodeAction | undefined;
      for (let asked = 0; !fix && asked < 150; asked++) {
        const actions = await idle.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: plus, context: { diagnostics: [] } });
        fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
        if (!fix) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(fix?.edit?.documentChanges, [{ textDocument: { uri, version: 1 }, edits: [{ range: plus, newText: 'ADMM-Plus' }] }]);
    } finally {
      await idle.stop();
    }
  });

  test('closing the oversized draft clears its diagnostics', async () => {
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
    await until('the cleared diagnostics', () => published.find((p, i) => p.uri === big && p.diagnostics.length === 0 && i > published.findIndex((q) => q.uri === big && q.version === 4)) ?? undefined);
  });
});
