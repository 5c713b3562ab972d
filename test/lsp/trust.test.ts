import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { spawnServer, type ServerProcess } from '../helpers/lspClient';

const glossary = (id: string, name: string, acronym: string) =>
  `version: 1\nterms:\n  - id: ${id}\n    kind: centre\n    name: ${name}\n    acronym: ${acronym}\n    expand: false\n    sources: [{ title: test }]\n`;

/**
 * Workspace trust: an untrusted workspace's settings cannot make the server read a glossary
 * outside the workspace (a hostile workspace could point at any file); its own glossaries still count.
 */
suite('workspace trust over stdio', () => {
  let outside: string;
  let root: string;
  const servers: ServerProcess[] = [];

  suiteSetup(() => {
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-outside-')));
    fs.writeFileSync(path.join(outside, 'far.lexicon.yaml'), glossary('far', 'Far Away Centre', 'FAC'));
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-trust-')));
    fs.writeFileSync(path.join(root, 'near.lexicon.yaml'), glossary('near', 'Nearby Centre', 'NBC'));
  });
  suiteTeardown(async () => {
    for (const server of servers) await server.stop();
    fs.rmSync(outside, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Starts a server on the workspace, its settings listing the outside glossary; returns hover on "FAC" and "NBC". */
  async function hovers(trusted: boolean): Promise<{ far: boolean; near: boolean }> {
    const server = spawnServer();
    servers.push(server);
    const published: PublishDiagnosticsParams[] = [];
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
    });
    server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({ glossaries: [path.join(outside, 'far.lexicon.yaml')], debounceMs: 0 })),
    );
    server.connection.onRequest('client/registerCapability', () => null);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { trusted },
    });
    await server.connection.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(root, 'draft.md')).href;
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'The FAC met the NBC.\n' } });
    const deadline = Date.now() + 10000;
    while (!published.some((p) => p.uri === uri)) {
      if (Date.now() > deadline) throw new Error('no diagnostics published');
      await new Promise((r) => setTimeout(r, 20));
    }
    const at = async (character: number) =>
      (await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } })) !== null;
    return { far: await at(5), near: await at(17) };
  }

  test('untrusted: the glossary named in settings outside the workspace is not read; the workspace glossary is', async () => {
    assert.deepEqual(await hovers(false), { far: false, near: true });
  });

  test('trusted: both are read', async () => {
    assert.deepEqual(await hovers(true), { far: true, near: true });
  });
});
