import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, execute, executeUntil, hoverText, open, rangeOf } from './helpers';

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

  test('ordinary prose has no Policy Lexicon hover', async () => {
    const { document } = await open('statement.md');
    const word = rangeOf(document, 'coordinate');
    const hovers = await execute<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, word.start.translate(0, 3));
    assert.equal(hoverText(hovers), '');
  });
});
