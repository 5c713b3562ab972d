import * as assert from 'node:assert/strict';
import type { InitializeResult, InlayHint, SemanticTokens } from 'vscode-languageserver-protocol';
import type { DocumentTermsResult, StatusParams } from '../../server/src/protocol';
import { spawnServer, type ServerProcess } from '../helpers/lspClient';

const URI = 'file:///workspace/editor.md';
// Line 0: "The AMMTC met." / line 2: introduction / line 4: citation.
const TEXT = 'The AMMTC met.\n\nThe ASEAN Ministerial Meeting on Transnational Crime (AMMTC) met.\n\nIt recalled resolution 71/28.\n';

suite('editor features over stdio: semantic tokens, inlay hints, status, terms', () => {
  let server: ServerProcess;
  let init: InitializeResult;
  let configuration: Record<string, unknown> = {};
  let status: Promise<StatusParams>;
  const refreshes: string[] = [];

  suiteSetup(async () => {
    server = spawnServer();
    status = new Promise((resolve) => server.connection.onNotification('policyLexicon/status', resolve));
    server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => configuration));
    server.connection.onRequest('client/registerCapability', () => null);
    server.connection.onRequest('workspace/semanticTokens/refresh', () => (refreshes.push('semanticTokens'), null));
    server.connection.onRequest('workspace/inlayHint/refresh', () => (refreshes.push('inlayHint'), null));
    init = await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          semanticTokens: { refreshSupport: true },
          inlayHint: { refreshSupport: true },
        },
      },
    });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: TEXT } });
  });

  suiteTeardown(async () => server.stop());

  const changeSettings = async (settings: Record<string, unknown>) => {
    configuration = settings;
    refreshes.length = 0;
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  };
  const semanticTokens = () => server.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
  const inlayHints = () =>
    server.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
    });

  test('initialize announces the semantic token legend and inlay hints', () => {
    assert.deepEqual(init.capabilities.semanticTokensProvider, {
      legend: { tokenTypes: ['policyTerm', 'policyAcronym', 'policyResolution'], tokenModifiers: ['declaration', 'deprecated'] },
      full: true,
    });
    assert.equal(init.capabilities.inlayHintProvider, true);
  });

  test('after initialized, the server reports its glossaries in policyLexicon/status', async () => {
    const params = await status;
    assert.equal(params.glossaries.length, 1);
    const [builtin] = params.glossaries;
    assert.equal(builtin.label, 'built-in glossary');
    assert.equal(builtin.builtin, true);
    assert.ok(builtin.entries > 50, `entries: ${builtin.entries}`);
    assert.match(builtin.uri ?? '', /^file:\/\/.*builtin\.lexicon\.yaml$/);
    assert.equal(builtin.error, undefined);
  });

  test('semantic tokens: relative five-integer groups with types and modifiers', async () => {
    const tokens = await semanticTokens();
    assert.deepEqual(tokens.data, [
      // line 0 "AMMTC": policyAcronym
      0, 4, 5, 1, 0,
      // line 2 the full name: policyTerm; then "(AMMTC)": policyAcronym + declaration
      2, 4, 48, 0, 0,
      0, 50, 5, 1, 0b01,
      // line 4 "71/28" (the number of the citation): policyResolution
      2, 23, 5, 2, 0,
    ]);
  });

  test('policyLexicon.semanticHighlighting: false sends no tokens and asks the editor to refresh', async () => {
    await changeSettings({ semanticHighlighting: false });
    // The server sends its refresh request while handling the change, so before answering the next request.
    assert.deepEqual((await semanticTokens()).data, []);
    assert.ok(refreshes.includes('semanticTokens'), `refreshes: ${refreshes.join(', ')}`);
    await changeSettings({});
    assert.equal((await semanticTokens()).data.length, 20);
  });

  test('inlay hints are off by default; on, the acronym used before its introduction shows its expansion', async () => {
    assert.deepEqual(await inlayHints(), []);
    await changeSettings({ inlayHints: { expansions: true } });
    // The server sends its refresh request while handling the change, so before answering the next request.
    const hints = await inlayHints();
    assert.ok(refreshes.includes('inlayHint'), `refreshes: ${refreshes.join(', ')}`);
    assert.deepEqual(hints, [
      {
        position: { line: 0, character: 9 },
        label: 'ASEAN Ministerial Meeting on Transnational Crime',
        paddingLeft: true,
        tooltip: 'AMMTC is expanded only further down. At its first use, write "ASEAN Ministerial Meeting on Transnational Crime (AMMTC)".',
      },
    ]);
    await changeSettings({});
  });

  test('policyLexicon/documentTerms items carry the definition as plain text', async () => {
    const result = await server.connection.sendRequest<DocumentTermsResult>('policyLexicon/documentTerms', { textDocument: { uri: URI } });
    const ammtc = result.terms.find((t) => t.id === 'ammtc');
    assert.ok(ammtc);
    assert.deepEqual({ ...ammtc, definition: typeof ammtc.definition }, {
      id: 'ammtc',
      kind: 'meeting',
      name: 'ASEAN Ministerial Meeting on Transnational Crime',
      acronym: 'AMMTC',
      count: 3,
      firstRange: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } },
      definition: 'string',
    });
  });

  test('unknown documents get empty tokens and no hints', async () => {
    const other = { textDocument: { uri: 'file:///nowhere.md' } };
    assert.deepEqual(await server.connection.sendRequest('textDocument/semanticTokens/full', other), { data: [] });
    assert.deepEqual(
      await server.connection.sendRequest('textDocument/inlayHint', { ...other, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } }),
      [],
    );
  });
});
