import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinGlossary } from '../helpers/fixtures';
import { initializedServer, type ServerProcess } from '../helpers/lspClient';
import { checkProperty } from '../helpers/property';
import { applyTextEdit, draftArbitrary, editArbitrary, resolveEdit } from '../fuzz/drafts';

/**
 * The server's document after random incremental changes is the edited text: its diagnostics
 * equal those of the same text opened whole (full sync) in another document.
 */
suite('incremental sync over stdio', function () {
  this.timeout(120000);
  let server: ServerProcess;
  let published: PublishDiagnosticsParams[] = [];
  const GLOSSARIES = [builtinGlossary()];

  suiteSetup(async () => {
    // No debounce: every case waits for its diagnostics.
    ({ server, published } = await initializedServer({ debounceMs: 0 }));
  });
  suiteTeardown(() => server.stop());

  const diagnosticsOf = async (uri: string, version: number) => {
    for (;;) {
      const found = published.find((p) => p.uri === uri && p.version === version);
      if (found) return found.diagnostics;
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  test('random drafts and edits: incremental and full sync give the same diagnostics', async () => {
    let n = 0;
    await checkProperty(
      fc.asyncProperty(draftArbitrary(GLOSSARIES), fc.array(editArbitrary(GLOSSARIES), { minLength: 1, maxLength: 10 }), async (initial, relatives) => {
        const uri = `file:///sync/${++n}.md`;
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: initial } });
        // The editor's view of the document, kept by the same library an editor would use, and the plain text.
        const doc = TextDocument.create(uri, 'markdown', 1, initial);
        let text = initial;
        let version = 1;
        for (const relative of relatives) {
          const edit = resolveEdit(text, relative);
          const range = { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) };
          text = applyTextEdit(text, edit);
          TextDocument.update(doc, [{ range, text: edit.text }], ++version);
          await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.text }] });
        }
        assert.equal(doc.getText(), text);
        const incremental = await diagnosticsOf(uri, version);
        const whole = `${uri}.whole`;
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: whole, languageId: 'markdown', version: 1, text } });
        // Related information names its document: compare with the names taken out.
        const unnamed = (diagnostics: unknown, name: string) => JSON.parse(JSON.stringify(diagnostics).split(JSON.stringify(name)).join('"<draft>"'));
        assert.deepEqual(unnamed(incremental, uri), unnamed(await diagnosticsOf(whole, 1), whole));
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: whole } });
      }),
      200,
    );
  });
});
