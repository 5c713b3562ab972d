import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, describe, open, rangeOf, runCli, waitForDiagnostics, workspaceRoot, type Activated } from './helpers';

const DRAFT = 'draft-with-typical-mistakes.md';
/** The seeded mistakes are listed in an HTML comment at the top; the statement starts after it. */
const BODY = '-->';

suite('diagnostics in the editor', () => {
  let activated: Activated;
  suiteSetup(async () => {
    activated = await activate();
  });

  test('opening the example draft shows the seeded findings, with their codes and ranges', async () => {
    const { document } = await open(DRAFT);
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the first findings');
    const seeded: Array<[code: string, text: string]> = [
      ['non-canonical', 'Laos'],
      ['spelling-variant', 'recognised'],
      ['resolution-format', 'Resolution 71/28'],
      ['spelling-variant', 'behavior'],
      ['unknown-resolution', 'resolution 74/247'],
      ['non-canonical', 'ARF ISM on ICT Security'],
      ['near-miss', 'U.S.-ASEAN Smart City Partnership'],
      ['non-canonical', 'Asean'],
      ['undefined-acronym', 'AOIP'],
    ];
    for (const [code, text] of seeded) {
      const range = rangeOf(document, text, BODY);
      const found = diagnostics.find((d) => codeOf(d) === code && d.range.isEqual(range));
      assert.ok(found, `no ${code} finding on "${text}" at ${range.start.line}:${range.start.character}; got ${describe(diagnostics)}`);
      assert.ok(found.message.length > 0);
    }
    // Severities follow the rule table: unknown-resolution is information, the others warnings.
    const severityOf = (code: string) => diagnostics.find((d) => codeOf(d) === code)?.severity;
    assert.equal(severityOf('non-canonical'), vscode.DiagnosticSeverity.Warning);
    assert.equal(severityOf('unknown-resolution'), vscode.DiagnosticSeverity.Information);
  });

  test('the editor shows exactly what the command-line checker reports for the same file', async () => {
    const { document } = await open(DRAFT);
    const shown = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the findings');
    const cli = runCli(activated.extension, ['check', '--format', 'json', DRAFT], workspaceRoot().fsPath);
    assert.equal(cli.status, 1, cli.stderr);
    const report = JSON.parse(cli.stdout) as {
      files: Array<{ diagnostics: Array<{ code: string; severity: number; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }>;
    };
    const expected = report.files[0].diagnostics.map((d) => ({
      code: d.code,
      // LSP severities count from 1 (Error), VS Code's from 0.
      severity: d.severity - 1,
      message: d.message,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    }));
    const actual = shown.map((d) => ({
      code: codeOf(d),
      severity: d.severity as number,
      message: d.message,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    }));
    const key = (x: { range: number[]; code: string }) => `${x.range.join(':')}:${x.code}`;
    assert.deepEqual(actual.sort((a, b) => key(a).localeCompare(key(b))), expected.sort((a, b) => key(a).localeCompare(key(b))));
  });

  test('ranges count UTF-16 code units: a flag emoji before a term is four of them', async () => {
    const { document } = await open('utf16.md');
    const [finding] = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the finding on "Laos"');
    assert.equal(codeOf(finding), 'non-canonical');
    // "🇺🇳 Delegates from " is 2 code points + 16, but 4 + 16 UTF-16 code units.
    assert.deepEqual([finding.range.start.line, finding.range.start.character, finding.range.end.character], [0, 20, 24]);
    assert.ok(finding.range.isEqual(rangeOf(document, 'Laos')));
  });

  test('each finding links to its rule in the shipped docs/rules.md', async () => {
    const { document } = await open(DRAFT);
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the findings');
    for (const d of diagnostics) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code, 'object', 'the code carries a documentation link');
      assert.match(code.target.path, /\/docs\/rules\.md$/);
      assert.equal(code.target.fragment, code.value);
    }
  });
});
