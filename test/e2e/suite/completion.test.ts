import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, copyDraft, executeUntil, open } from './helpers';

const AJCCBC = 'ASEAN-Japan Cybersecurity Capacity Building Centre';

/** Types `text` at the end of the editor's document and returns the position after it. */
async function typeAtEnd(editor: vscode.TextEditor, text: string): Promise<vscode.Position> {
  const end = editor.document.positionAt(editor.document.getText().length);
  assert.ok(await editor.edit((b) => b.insert(end, text)));
  return editor.document.positionAt(editor.document.getText().length);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function insertedText(item: vscode.CompletionItem): string {
  const insert = item.insertText ?? labelOf(item);
  return typeof insert === 'string' ? insert : insert.value;
}

suite('completion in the editor', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('"ASEAN-J" offers the official name, and its first use inserts "Full Name (ACR)"', async () => {
    const editor = await open(await copyDraft('statement.md'));
    const position = await typeAtEnd(editor, 'ASEAN-J');
    const list = await executeUntil<vscode.CompletionList>((found) => found.items.some((i) => labelOf(i) === AJCCBC), 'vscode.executeCompletionItemProvider', editor.document.uri, position);
    const item = list.items.find((i) => labelOf(i) === AJCCBC);
    assert.ok(item, `no "${AJCCBC}" among ${JSON.stringify(list.items.map(labelOf).slice(0, 20))}`);
    assert.equal(insertedText(item), `${AJCCBC} (AJCCBC)`);
    // The item replaces what was typed, not just the word after the hyphen.
    const replaced = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    assert.ok(replaced, 'the item says what it replaces');
    assert.equal(editor.document.getText(replaced), 'ASEAN-J');
  });

  test('once the acronym is introduced, the name inserts the acronym', async () => {
    const editor = await open(await copyDraft('statement.md'));
    const position = await typeAtEnd(editor, `${AJCCBC} (AJCCBC). The ASEAN-J`);
    const list = await executeUntil<vscode.CompletionList>((found) => found.items.some((i) => labelOf(i) === AJCCBC), 'vscode.executeCompletionItemProvider', editor.document.uri, position);
    const item = list.items.find((i) => labelOf(i) === AJCCBC);
    assert.ok(item);
    assert.equal(insertedText(item), 'AJCCBC');
  });

  test('a word inside a name finds it: "Regional" offers the ASEAN Regional Forum', async () => {
    const editor = await open(await copyDraft('statement.md'));
    const position = await typeAtEnd(editor, 'the Regional');
    const list = await executeUntil<vscode.CompletionList>((found) => found.items.some((i) => labelOf(i) === 'ASEAN Regional Forum'), 'vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('ASEAN Regional Forum'), JSON.stringify(labels.slice(0, 20)));
    const item = list.items.find((i) => labelOf(i) === 'ASEAN Regional Forum');
    assert.match(String(item?.detail), /forum/i);
  });
});
