import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/core';
import { runCli } from '../helpers/cli';
import { builtinService } from '../helpers/fixtures';
import { initializedServer, type ServerProcess } from '../helpers/lspClient';
import { FIXED, POSITION_CASES, positionOf, TERM } from './cases';

const ONLY = { rules: { 'non-canonical': 'warning' as const, ...Object.fromEntries(['near-miss', 'undefined-acronym', 'repeated-expansion', 'wrong-expansion', 'inconsistent-form', 'resolution-format', 'unknown-resolution', 'spelling-variant', 'unknown-acronym'].map((r) => [r, 'off' as const])) }, spelling: 'off' as const };

suite('positions and text: the core, the server and the CLI agree on every range', function () {
  this.timeout(60000);

  suite('core', () => {
    for (const { name, text } of POSITION_CASES) {
      test(name, () => {
        const doc = TextDocument.create('file:///positions.md', 'markdown', 1, text);
        const findings = builtinService().diagnose(doc, ONLY);
        assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
        const at = text.indexOf(TERM);
        assert.deepEqual([findings[0].start, findings[0].end], [at, at + TERM.length]);
        assert.deepEqual(findings[0].range, { start: positionOf(text, at), end: positionOf(text, at + TERM.length) });
        assert.equal(applyEdits(text, findings[0].fix!.edits), text.replace(TERM, FIXED), 'the fix changes exactly the term');
      });
    }
  });

  suite('server over stdio', () => {
    let server: ServerProcess;
    let published: PublishDiagnosticsParams[] = [];
    suiteSetup(async () => {
      ({ server, published } = await initializedServer());
    });
    suiteTeardown(() => server.stop());

    POSITION_CASES.forEach(({ name, text }, i) => {
      test(name, async () => {
        const uri = `file:///positions/${i}.md`;
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        let params: PublishDiagnosticsParams | undefined;
        while (!(params = published.find((p) => p.uri === uri))) await new Promise((r) => setTimeout(r, 10));
        const at = text.indexOf(TERM);
        const range = { start: positionOf(text, at), end: positionOf(text, at + TERM.length) };
        const finding = params.diagnostics.find((d) => d.code === 'non-canonical');
        assert.ok(finding, JSON.stringify(params.diagnostics));
        assert.deepEqual(finding.range, range);
        const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [finding] } });
        const fix = actions.find((a) => a.kind === 'quickfix' && a.edit);
        const edits = (fix!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
        const doc = TextDocument.create(uri, 'markdown', 1, text);
        assert.equal(TextDocument.applyEdits(doc, edits), text.replace(TERM, FIXED), 'the quick fix changes exactly the term');
      });
    });
  });

  suite('CLI', () => {
    let dir: string;
    suiteSetup(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-positions-'));
      POSITION_CASES.forEach(({ text }, i) => fs.writeFileSync(path.join(dir, `${i}.md`), text));
    });
    suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('JSON ranges are the editor\'s (a BOM is not a character), and --fix changes exactly the term', () => {
      const rules = Object.entries(ONLY.rules).flatMap(([id, level]) => ['--rule', `${id}=${level}`]);
      const report = JSON.parse(runCli(['check', '--format', 'json', '--spelling', 'off', ...rules, '.'], dir).stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; range: unknown }> }> };
      POSITION_CASES.forEach(({ name, text }, i) => {
        const file = report.files.find((f) => path.basename(f.path) === `${i}.md`);
        assert.ok(file, `${name}: no report`);
        const shown = text.replace(/^\uFEFF/, '');
        const at = shown.indexOf(TERM);
        assert.deepEqual(file.diagnostics.map((d) => [d.code, d.range]), [['non-canonical', { start: positionOf(shown, at), end: positionOf(shown, at + TERM.length) }]], name);
      });
      runCli(['check', '--fix', '--spelling', 'off', ...rules, '.'], dir);
      POSITION_CASES.forEach(({ name, text }, i) => assert.equal(fs.readFileSync(path.join(dir, `${i}.md`), 'utf8'), text.replace(TERM, FIXED), name));
    });
  });
});
