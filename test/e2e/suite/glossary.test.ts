import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, open, waitForDiagnostics, workspaceRoot, type Activated } from './helpers';

const NAME = 'Quokka Dialogue on Cyber Norms';
const VARIANT = 'Quokka Dialog on Cyber Norms';

/** A workspace glossary with one entry; `variantStatus` decides whether VARIANT is a finding. */
function glossary(variant: 'variant' | 'accepted'): string {
  const form = variant === 'variant'
    ? `    variants:\n      - text: ${VARIANT}\n        reason: the dialogue's name spells "Dialogue"\n        status: deprecated\n`
    : `    accepted: [${VARIANT}]\n`;
  return [
    'version: 1',
    'terms:',
    '  - id: quokka-dialogue',
    '    kind: forum',
    `    name: ${NAME}`,
    form.trimEnd(),
    '    definition: A fictional forum used by the in-editor tests.',
    '    sources: [{ title: "Policy Lexicon in-editor tests" }]',
    '',
  ].join('\n');
}

suite('workspace glossaries in the editor', () => {
  let activated: Activated;
  let file: vscode.Uri | undefined;
  suiteSetup(async () => {
    activated = await activate();
  });
  suiteTeardown(async () => {
    if (file) await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  });

  test('editing a workspace glossary changes the findings without a restart', async function () {
    // Workspace glossaries arrive with the `policyLexicon.glossaries` setting; before they do,
    // say so and skip rather than fail.
    const settings = (activated.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } })
      .contributes?.configuration?.properties ?? {};
    if (!('policyLexicon.glossaries' in settings)) {
      console.log('    skipped: this build has no workspace glossaries yet (package.json declares no policyLexicon.glossaries setting)');
      this.skip();
    }
    const client = activated.api.client();
    file = vscode.Uri.joinPath(workspaceRoot(), 'e2e.lexicon.yaml');
    await vscode.workspace.fs.writeFile(file, Buffer.from(glossary('variant')));
    const draft = vscode.Uri.joinPath(workspaceRoot(), 'copies', 'glossary-draft.md');
    await vscode.workspace.fs.writeFile(draft, Buffer.from(`# Notes\n\nThe ${VARIANT} met in Singapore.\n`));
    const { document } = await open(draft);

    const [finding] = await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'non-canonical'), `a finding on "${VARIANT}"`);
    assert.equal(document.getText(finding.range), VARIANT);
    assert.match(finding.message, new RegExp(NAME));

    // The same form, now accepted: the finding goes, and the server was not restarted.
    await vscode.workspace.fs.writeFile(file, Buffer.from(glossary('accepted')));
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no finding once the form is accepted');
    assert.equal(activated.api.client(), client, 'the same server');
  });
});
