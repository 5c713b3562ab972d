import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, execute, executeUntil, hoverText, open, rangeOf, waitForDiagnostics, workspaceRoot } from './helpers';

suite('hover in the editor', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('an acronym shows its full name and definition', async () => {
    const { document } = await open('statement.md');
    const acronym = rangeOf(document, 'AMMTC', 'noted that');
    const inside = acronym.start.translate(0, 2);
    const hovers = await executeUntil<vscode.Hover[]>((found) => found.length > 0, 'vscode.executeHoverProvider', document.uri, inside);
    const text = hoverText(hovers);
    assert.match(text, /ASEAN Ministerial Meeting on Transnational Crime/);
    assert.match(text, /ministerial body for cooperation against transnational crime/);
    const ours = hovers.find((h) => hoverText([h]).includes('Transnational Crime'));
    assert.ok(ours?.range?.isEqual(acronym), 'the hover covers exactly the acronym');
  });

  test('a resolution citation shows the resolution', async () => {
    const { document } = await open('draft-with-typical-mistakes.md');
    const citation = rangeOf(document, '71/28', '-->');
    const hovers = await executeUntil<vscode.Hover[]>((found) => found.length > 0, 'vscode.executeHoverProvider', document.uri, citation.start.translate(0, 1));
    assert.match(hoverText(hovers), /A\/RES\/71\/28/);
  });

  test('a draft over 4 MB of paragraphs has hover, completion and quick fixes, from the thread that checks it', async () => {
    // Past the 4 MB the server analyses on its own thread (server/src/core/size.ts).
    const paragraph = (i: number) => `Paragraph ${i}: the ASEAN Regional Forum (ARF) met in Singapore to take stock of the cyber agenda of the region.\n\n`;
    const paragraphs = Math.ceil((4.2 * 1024 * 1024) / paragraph(0).length);
    const text = Array.from({ length: paragraphs }, (_, i) => paragraph(i)).join('') + 'The ASEAN-J';
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'copies', 'over-the-limit.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const { document } = await open(uri);
    await waitForDiagnostics(uri, (found) => found.length > 0, 'the background check of the large draft');
    const acronym = rangeOf(document, 'ARF', 'Paragraph 20000:');
    const hovers = await executeUntil<vscode.Hover[]>((found) => found.length > 0, 'vscode.executeHoverProvider', uri, acronym.start.translate(0, 1));
    assert.match(hoverText(hovers), /ASEAN Regional Forum/);
    assert.ok(hovers.some((h) => h.range?.isEqual(acronym)), 'the hover covers exactly the acronym');
    const end = document.positionAt(text.length);
    const list = await executeUntil<vscode.CompletionList>((found) => found.items.length > 0, 'vscode.executeCompletionItemProvider', uri, end);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('ASEAN-Japan Cybersecurity Capacity Building Centre'), JSON.stringify(labels.slice(0, 20)));
    // "Full Name (ACR)" written again after its first use: the quick fix writes the acronym.
    const expansion = rangeOf(document, 'ASEAN Regional Forum (ARF)', 'Paragraph 20000:');
    const actions = await executeUntil<Array<vscode.CodeAction | vscode.Command>>((found) => found.length > 0, 'vscode.executeCodeActionProvider', uri, expansion, 'quickfix');
    const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && !a.title.startsWith('Disable'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix.edit.get(uri).map((e) => [e.range.isEqual(expansion), e.newText]), [[true, 'ARF']]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('ordinary prose has no Policy Lexicon hover', async () => {
    const { document } = await open('statement.md');
    const word = rangeOf(document, 'coordinate');
    const hovers = await execute<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, word.start.translate(0, 3));
    assert.equal(hoverText(hovers), '');
  });
});
