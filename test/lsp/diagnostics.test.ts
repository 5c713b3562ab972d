import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { spawnServer, type ServerProcess } from '../helpers/lspClient';

const URI = 'file:///workspace/statement.md';
const TEXT = 'The ASEAN Defense Ministers Meeting-Plus met.\n\nA capacity-building program.\n';

/** Collects publishDiagnostics and lets a test wait for the next one matching a condition. */
class DiagnosticsInbox {
  private readonly received: PublishDiagnosticsParams[] = [];
  private waiters: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];

  push(params: PublishDiagnosticsParams): void {
    this.received.push(params);
    for (const w of [...this.waiters]) {
      if (w.match(params)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(params);
      }
    }
  }

  next(match: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching publishDiagnostics')), timeoutMs);
      this.waiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  all(uri: string): PublishDiagnosticsParams[] {
    return this.received.filter((p) => p.uri === uri);
  }
}

suite('diagnostics and code actions over stdio', () => {
  let server: ServerProcess;
  let inbox: DiagnosticsInbox;
  let configuration: Record<string, unknown> = {};

  suiteSetup(async () => {
    server = spawnServer();
    inbox = new DiagnosticsInbox();
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => inbox.push(p));
    server.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map(() => configuration),
    );
    server.connection.onRequest('client/registerCapability', () => null);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
    });
    await server.connection.sendNotification('initialized', {});
  });

  suiteTeardown(async () => server.stop());

  test('findings are pushed on open with code, source, severity, range and rule link', async () => {
    const published = inbox.next((p) => p.uri === URI);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: TEXT } });
    const params = await published;
    assert.equal(params.version, 1);
    const diagnostics = params.diagnostics.map((d: Diagnostic) => ({ code: d.code, source: d.source, severity: d.severity, range: d.range }));
    assert.deepEqual(diagnostics, [
      { code: 'non-canonical', source: 'policy-lexicon', severity: 2, range: { start: { line: 0, character: 4 }, end: { line: 0, character: 40 } } },
      { code: 'spelling-variant', source: 'policy-lexicon', severity: 2, range: { start: { line: 2, character: 20 }, end: { line: 2, character: 27 } } },
    ]);
    assert.match(params.diagnostics[0].codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\.md#non-canonical$/);
    assert.match(String(params.diagnostics[0].message), /"ASEAN Defense Ministers Meeting-Plus" is not the official form: write "ASEAN Defence Ministers' Meeting-Plus"/);
  });

  test('codeAction returns the quick fix as a versioned edit, and the disable-line action', async () => {
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Replace with "ASEAN Defence Ministers\' Meeting-Plus"', 'Disable Policy Lexicon for this line']);
    const change = actions[0].edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: URI, version: 1 });
    assert.deepEqual(change.edits, [
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 40 } }, newText: "ASEAN Defence Ministers' Meeting-Plus" },
    ]);
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, true);
  });

  test('the fix-all source action fixes every finding at once', async () => {
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all Policy Lexicon problems', 'source.fixAll.policyLexicon']]);
    const change = actions[0].edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.edits.map((e) => ('newText' in e ? e.newText : '')), ["ASEAN Defence Ministers' Meeting-Plus", 'programme']);
  });

  test('the policyLexicon.fixAll command asks the client to apply the edit', async () => {
    let applied: unknown;
    const disposable = server.connection.onRequest('workspace/applyEdit', (params: unknown) => {
      applied = params;
      return { applied: true };
    });
    const result = await server.connection.sendRequest<{ applied: boolean; changes: number }>('workspace/executeCommand', {
      command: 'policyLexicon.fixAll',
      arguments: [URI],
    });
    disposable.dispose();
    assert.deepEqual(result, { applied: true, changes: 2 });
    assert.match(JSON.stringify(applied), /"newText":"programme"/);
  });

  test('a change is checked after the debounce and published for the new version only', async () => {
    const published = inbox.next((p) => p.uri === URI && p.version === 3);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 40 } }, text: "ASEAN Defence Ministers' Meeting-Plus" }],
    });
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 27 } }, text: 'programme' }],
    });
    const params = await published;
    assert.deepEqual(params.diagnostics, []);
    assert.ok(inbox.all(URI).every((p) => p.version !== 2), 'no diagnostics were published for the superseded version 2');
  });

  test('a settings change turns a rule off and republishes without a restart', async () => {
    const setup = inbox.next((p) => p.uri === URI && p.version === 4 && p.diagnostics.length === 1);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 4 },
      contentChanges: [{ text: 'The ASEAN Defense Ministers Meeting-Plus met.\n' }],
    });
    await setup;
    configuration = { rules: { 'non-canonical': 'off' } };
    const republished = inbox.next((p) => p.uri === URI && p.diagnostics.length === 0);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await republished;
    configuration = { rules: { 'non-canonical': 'error' } };
    const escalated = inbox.next((p) => p.uri === URI && p.diagnostics.length === 1);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await escalated).diagnostics[0].severity, 1);
  });

  test('closing a document clears its diagnostics', async () => {
    const cleared = inbox.next((p) => p.uri === URI && p.diagnostics.length === 0);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    await cleared;
  });
});
