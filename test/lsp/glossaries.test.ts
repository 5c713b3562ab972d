import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover, Location, MarkupContent, PublishDiagnosticsParams, SymbolInformation, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { spawnServer, type ServerProcess } from '../helpers/lspClient';

const GLOSSARY = `# Team glossary
version: 1
terms:
  - id: xcc
    kind: centre
    name: Example Cyber Centre
    acronym: XCC
    definition: A centre that exists only in tests.
    sources: [{ title: test }]
  - id: ammtc
    kind: meeting
    name: ASEAN Ministerial Meeting on Transnational Crime
    acronym: AMMTC
    definition: The team's own wording of the AMMTC definition.
    sources: [{ title: test }]
`;

suite('workspace glossaries over stdio', () => {
  let server: ServerProcess;
  let root: string;
  let glossaryFile: string;
  const published: PublishDiagnosticsParams[] = [];
  const uri = (...parts: string[]) => pathToFileURL(path.join(root, ...parts)).href;
  const waitFor = async (match: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...published].reverse().find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no matching publishDiagnostics');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const hoverText = async (line: number, character: number) => {
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uri('drafts', 'a.md') }, position: { line, character } });
    // Hover text is escaped Markdown: read it as the user sees it.
    return hover ? (hover.contents as MarkupContent).value.replace(/\\(.)/g, '$1') : '';
  };
  const untilHover = async (line: number, character: number, pattern: RegExp) => {
    const deadline = Date.now() + 10000;
    for (;;) {
      const text = await hoverText(line, character);
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`hover never matched ${pattern}: ${text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  suiteSetup(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-ws-')));
    glossaryFile = path.join(root, 'team.lexicon.yaml');
    fs.writeFileSync(glossaryFile, GLOSSARY);
    fs.mkdirSync(path.join(root, 'drafts'));
    fs.writeFileSync(path.join(root, 'drafts', 'a.md'), 'The XCC met the AMMTC.\n');
    fs.writeFileSync(path.join(root, 'drafts', 'b.md'), 'Later the Example Cyber Centre and the AMMTC and the XYZCERT.\n');
    server = spawnServer();
    server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
    });
    server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    server.connection.onRequest('client/registerCapability', () => null);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } },
    });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri('drafts', 'a.md'), languageId: 'markdown', version: 1, text: 'The XCC met the AMMTC.\n' },
    });
  });

  suiteTeardown(async () => {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a discovered glossary adds terms, and its override shows in hover', async () => {
    assert.match(await untilHover(0, 5, /Example Cyber Centre/), /From team\.lexicon\.yaml/);
    const ammtc = await hoverText(0, 18);
    assert.match(ammtc, /The team's own wording/);
    assert.match(ammtc, /overrides the entry of the built-in glossary/);
  });

  test('go to definition opens the entry in its glossary file', async () => {
    const location = await server.connection.sendRequest<Location>('textDocument/definition', { textDocument: { uri: uri('drafts', 'a.md') }, position: { line: 0, character: 5 } });
    assert.equal(location.uri, pathToFileURL(glossaryFile).href);
    assert.deepEqual(location.range.start, { line: 3, character: 8 });
  });

  test('references are found in every draft of the workspace, open or not', async () => {
    const locations = await server.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri: uri('drafts', 'a.md') },
      position: { line: 0, character: 18 },
      context: { includeDeclaration: false },
    });
    assert.deepEqual(locations.map((l) => [path.basename(new URL(l.uri).pathname), l.range.start.character]).sort(), [['a.md', 16], ['b.md', 39]]);
  });

  test('workspace symbols search entries by name and acronym', async () => {
    const symbols = await server.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'xcc' });
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri]), [['Example Cyber Centre (XCC)', pathToFileURL(glossaryFile).href]]);
  });

  test('rename updates every mention of the name and the glossary entry; the old name becomes a superseded variant', async () => {
    const prepared = await server.connection.sendRequest<{ placeholder: string } | null>('textDocument/prepareRename', {
      textDocument: { uri: uri('drafts', 'a.md') },
      position: { line: 0, character: 5 },
    });
    assert.equal(prepared, null, 'an acronym is not renamed');
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri('drafts', 'b.md'), languageId: 'markdown', version: 1, text: fs.readFileSync(path.join(root, 'drafts', 'b.md'), 'utf8') },
    });
    const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uri('drafts', 'b.md') },
      position: { line: 0, character: 12 },
      newName: 'Example Cybersecurity Centre',
    });
    const changes = edit.documentChanges as TextDocumentEdit[];
    const draft = changes.find((c) => c.textDocument.uri === uri('drafts', 'b.md'))!;
    assert.deepEqual(draft.edits, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 30 } }, newText: 'Example Cybersecurity Centre' }]);
    const glossary = changes.find((c) => c.textDocument.uri === pathToFileURL(glossaryFile).href)!;
    assert.equal(glossary.edits.length, 2);
    assert.match(JSON.stringify(glossary.edits), /status: superseded/);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri('drafts', 'd.md'), languageId: 'markdown', version: 1, text: 'The ASEAN Regional Forum met.\n' },
    });
    await assert.rejects(
      server.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uri('drafts', 'd.md') }, position: { line: 0, character: 10 } }),
      /comes from the built-in glossary, which cannot be edited here/,
    );
  });

  test('an unknown acronym offers "Add to the workspace glossary", creating terms.lexicon.yaml', async () => {
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('drafts', 'b.md') },
      range: { start: { line: 0, character: 56 }, end: { line: 0, character: 56 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    const add = actions.find((a) => a.title === 'Add "XYZCERT" to the workspace glossary');
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    const changes = add.edit!.documentChanges!;
    assert.deepEqual(changes[0], { kind: 'create', uri: uri('terms.lexicon.yaml'), options: { ignoreIfExists: true } });
    assert.match(JSON.stringify(changes[1]), /acronym: XYZCERT/);
  });

  test('a broken glossary is reported at its line and column while the drafts keep the last good version', async () => {
    fs.writeFileSync(glossaryFile, GLOSSARY.replace('name: Example Cyber Centre', 'name: [Example Cyber Centre'));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(glossaryFile).href, type: 2 }] });
    const problems = await waitFor((p) => p.uri === pathToFileURL(glossaryFile).href && p.diagnostics.length > 0);
    assert.equal(problems.diagnostics[0].severity, 1);
    assert.ok(problems.diagnostics[0].range.start.line >= 5, JSON.stringify(problems.diagnostics[0]));
    assert.match(await hoverText(0, 5), /Example Cyber Centre/);
  });

  test('editing the glossary file on disk changes hover without a restart', async () => {
    fs.writeFileSync(glossaryFile, GLOSSARY.replace('A centre that exists only in tests.', 'A renamed definition.'));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(glossaryFile).href, type: 2 }] });
    await untilHover(0, 5, /A renamed definition\./);
    await waitFor((p) => p.uri === pathToFileURL(glossaryFile).href && p.diagnostics.length === 0);
  });

  test('the glossary open in the editor counts with its unsaved text', async () => {
    const glossaryUri = pathToFileURL(glossaryFile).href;
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: glossaryUri, languageId: 'yaml', version: 1, text: GLOSSARY.replace('A centre that exists only in tests.', 'Typed but not saved.') },
    });
    await untilHover(0, 5, /Typed but not saved\./);
  });

  test('checkWorkspace publishes findings for drafts that are not open', async () => {
    fs.writeFileSync(path.join(root, 'drafts', 'c.md'), 'The ADMM Plus met.\n');
    const result = await server.connection.sendRequest<{ files: number; findings: number }>('workspace/executeCommand', { command: 'policyLexicon.checkWorkspace', arguments: [] });
    assert.equal(result.files, 3);
    const c = await waitFor((p) => p.uri === uri('drafts', 'c.md'));
    assert.ok(c.diagnostics.some((d) => d.code === 'non-canonical'));
  });
});
