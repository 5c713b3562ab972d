import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { spawnServer, type ServerProcess } from '../helpers/lspClient';

/**
 * A client that misbehaves: every request still gets a result or a proper error response, and
 * the server keeps running and keeps answering.
 */
suite('protocol misuse over stdio', () => {
  let server: ServerProcess;
  const published: PublishDiagnosticsParams[] = [];
  const uri = 'file:///misuse/draft.md';
  const hover = (target: string, line: number, character: number) =>
    server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: target }, position: { line, character } });
  const alive = async () => assert.ok(await hover(uri, 0, 5), 'the server still answers a hover on the open draft');
  const publishedFor = async (version: number) => {
    const deadline = Date.now() + 10000;
    for (;;) {
      const found = published.find((p) => p.uri === uri && p.version === version);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics for version ${version}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  suiteSetup(async () => {
    server = spawnServer();
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
    });
    // A client that never answers workspace/configuration: the server must fall back to defaults.
    server.connection.onRequest('workspace/configuration', () => new Promise(() => undefined));
    server.connection.onRequest('client/registerCapability', () => null);
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'The AMMTC and the ADMM Plus met.\n' } });
  });
  suiteTeardown(() => server.stop());

  test('a client that never answers workspace/configuration still gets diagnostics', async () => {
    const first = await publishedFor(1);
    assert.ok(first.diagnostics.some((d) => d.code === 'non-canonical'));
  });

  test('requests for unknown or closed documents and positions past the end get empty results', async () => {
    assert.equal(await hover('file:///misuse/never-opened.md', 0, 0), null);
    assert.equal(await hover(uri, 999, 999), null);
    assert.equal(await hover(uri, 0, 999), null);
    const completion = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///misuse/never-opened.md' }, position: { line: 0, character: 0 } });
    assert.ok(completion === null || (Array.isArray((completion as { items?: unknown[] }).items) && (completion as { items: unknown[] }).items.length === 0));
    await alive();
  });

  test('malformed params and unknown methods get error responses', async () => {
    await assert.rejects(server.connection.sendRequest('textDocument/hover', { position: 'here' }), (e: unknown) => e instanceof ResponseError);
    await assert.rejects(server.connection.sendRequest('textDocument/definition', null), (e: unknown) => e instanceof ResponseError);
    await assert.rejects(server.connection.sendRequest('policyLexicon/noSuchThing', {}), (e: unknown) => e instanceof ResponseError && e.code === -32601);
    await alive();
  });

  test('a flood of didChange notifications ends in the diagnostics of the last version', async () => {
    for (let version = 2; version <= 501; version++) {
      const added = version % 2 ? 'x' : ' ';
      server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: added }],
      });
    }
    const last = await publishedFor(501);
    assert.ok(last.diagnostics.some((d) => d.code === 'non-canonical'));
    assert.ok(!published.some((p) => p.uri === uri && p.version !== undefined && p.version > 1 && p.version < 501 && p.diagnostics.length === 0), 'no empty set published for a stale version');
    await alive();
  });

  test('a request cancelled mid-flight gets a result or a cancellation error', async () => {
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 4 } }, source.token);
    source.cancel();
    await pending.then(
      () => undefined,
      (e: unknown) => assert.ok(e instanceof ResponseError && e.code === -32800, `cancelled: ${String(e)}`),
    );
    await alive();
  });

  test('exit without shutdown ends the process, with exit code 1 as LSP asks', async () => {
    const other = spawnServer();
    await other.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    const code = new Promise<number | null>((resolve) => other.process.once('exit', resolve));
    await other.connection.sendNotification('exit');
    assert.equal(await code, 1);
    other.connection.dispose();
  });
});
