import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, codeOf, copyDraft, executeUntil, open, rangeOf, runCli, waitForDiagnostics, type Activated } from './helpers';

const FIX_ALL_KIND = 'source.fixAll.policyLexicon';

/** The code actions at `range`; every test here expects some (see `executeUntil`). */
async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  const actions = await executeUntil<Array<vscode.CodeAction | vscode.Command>>((found) => found.length > 0, 'vscode.executeCodeActionProvider', uri, range, kind);
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
}

/** What `check --fix` makes of the same text, in a folder of its own. */
function fixedByCli(activated: Activated, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-e2e-fix-'));
  try {
    fs.writeFileSync(path.join(dir, 'draft.md'), text);
    const result = runCli(activated.extension, ['check', '--fix', 'draft.md'], dir);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    return fs.readFileSync(path.join(dir, 'draft.md'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

suite('quick fixes and fix-all in the editor', () => {
  let activated: Activated;
  suiteSetup(async () => {
    activated = await activate();
  });

  test('the quick fix replaces exactly the non-canonical term, and the finding goes away', async () => {
    const { document } = await open(await copyDraft('statement.md'));
    const before = document.getText();
    const term = rangeOf(document, 'Laos');
    const [finding] = await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'non-canonical'), 'the finding on "Laos"');
    assert.ok(finding.range.isEqual(term));

    const actions = await actionsAt(document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => a.title), ['Replace with "Lao PDR"', 'Disable Policy Lexicon for this line']);
    const fix = actions[0];
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    assert.ok(fix.isPreferred, 'the replacement is the preferred fix (what Ctrl+. then Enter applies)');
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), 'the edit applies');

    const start = document.offsetAt(term.start);
    const end = document.offsetAt(term.end);
    assert.equal(document.getText(), `${before.slice(0, start)}Lao PDR${before.slice(end)}`);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no findings after the fix');
  });

  test('"Disable Policy Lexicon for this line" silences the line', async () => {
    const { document } = await open(await copyDraft('statement.md'));
    const [finding] = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the finding on "Laos"');
    const actions = await actionsAt(document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable Policy Lexicon for this line');
    assert.ok(disable?.edit && (await vscode.workspace.applyEdit(disable.edit)));
    assert.match(document.getText(), /<!-- policy-lexicon-disable-next-line[^>]*-->\nThe Dialogue was co-chaired by the United States and Laos\./);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no findings on the disabled line');
  });

  test('the fix-all source action makes the same text as `check --fix`', async () => {
    const { document } = await open(await copyDraft('draft-with-typical-mistakes.md'));
    const before = document.getText();
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the findings');
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(before.length));
    const actions = await actionsAt(document.uri, whole, FIX_ALL_KIND);
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(actions[0].kind?.value, FIX_ALL_KIND);
    assert.ok(actions[0].edit && (await vscode.workspace.applyEdit(actions[0].edit)));

    const after = document.getText();
    assert.notEqual(after, before);
    assert.equal(after, fixedByCli(activated, before));
    assert.match(after, /co-chaired by\nthe United States and Lao PDR\./);
    assert.match(after, /The co-chairs recognized that/);
    // A finding without a fix stays: the unknown resolution.
    const left = await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'non-canonical'), 'the findings after fix-all');
    assert.ok(left.some((d) => codeOf(d) === 'unknown-resolution'));
  });

  test('the "Fix All Problems in This Draft" command fixes the active draft', async () => {
    const { document } = await open(await copyDraft('statement.md'));
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the finding on "Laos"');
    const expected = fixedByCli(activated, document.getText());
    await vscode.commands.executeCommand('policyLexicon.fixAll');
    assert.equal(document.getText(), expected);
    assert.match(expected, /United States and Lao PDR\./);
  });
});
