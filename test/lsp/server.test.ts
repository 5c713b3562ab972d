import * as assert from 'node:assert/strict';
import type { CompletionList, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import { spawnServer, type ServerProcess } from '../helpers/lspClient';

const URI = 'file:///workspace/draft.md';

suite('language server over stdio', () => {
  let server: ServerProcess;
  let init: InitializeResult;

  suiteSetup(async () => {
    server = spawnServer();
    init = await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'markdown', version: 1, text: 'The AMMTC met.\n\nWe thank the ASEAN-J\n' },
    });
  });

  suiteTeardown(async () => {
    await server.stop();
  });

  test('initialize announces incremental sync, hover and completion', () => {
    assert.equal(init.capabilities.textDocumentSync, 2);
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.completionProvider, { resolveProvider: false, triggerCharacters: [] });
    assert.equal(init.serverInfo?.name, 'policy-lexicon');
  });

  test('hover on an acronym returns its full name and definition, with the mention as range', async () => {
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 0, character: 6 },
    });
    assert.ok(hover, `no hover; server log:\n${server.stderr()}`);
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /^\*\*ASEAN Ministerial Meeting on Transnational Crime \(AMMTC\)\*\*/);
    assert.match(value, /transnational crime/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } });
  });

  test('hover elsewhere returns null', async () => {
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 1 } });
    assert.equal(hover, null);
  });

  test('completion replaces the typed prefix with the official name and its acronym', async () => {
    const list = await server.connection.sendRequest<CompletionList>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: 2, character: 20 },
    });
    const item = list.items.find((i) => i.label === 'ASEAN-Japan Cybersecurity Capacity Building Centre');
    assert.ok(item, `labels: ${list.items.map((i) => i.label).join(', ')}`);
    assert.deepEqual(item.textEdit, {
      range: { start: { line: 2, character: 13 }, end: { line: 2, character: 20 } },
      newText: 'ASEAN-Japan Cybersecurity Capacity Building Centre (AJCCBC)',
    });
  });

  test('an incremental change is applied before the next request', async () => {
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } }, text: 'TELMIN' }],
    });
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 0, character: 6 },
    });
    assert.match((hover?.contents as MarkupContent).value, /TELMIN/);
  });

  test('policyLexicon/documentTerms lists the entries with counts and first ranges', async () => {
    const result = await server.connection.sendRequest<{ terms: Array<{ id: string; count: number; acronym: string | null }> }>(
      'policyLexicon/documentTerms',
      { textDocument: { uri: URI } },
    );
    const telmin = result.terms.find((t) => t.acronym === 'TELMIN');
    assert.ok(telmin);
    assert.equal(telmin.count, 1);
  });

  test('requests for an unknown document get empty results', async () => {
    const other = { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } };
    assert.equal(await server.connection.sendRequest('textDocument/hover', other), null);
    assert.equal(await server.connection.sendRequest('textDocument/completion', other), null);
  });
});
