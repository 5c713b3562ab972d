import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, execute, hoverText, open, rangeOf, waitForDiagnostics, type Activated } from './helpers';

suite('restarting the server', () => {
  let activated: Activated;
  suiteSetup(async () => {
    activated = await activate();
  });

  test('policyLexicon.restartServer starts a new server that republishes the open drafts', async () => {
    const { document } = await open('statement.md');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the finding before the restart');
    const old = activated.api.client();
    assert.ok(old, 'the extension has a client');
    assert.ok(old.isRunning(), 'the server runs before the restart');

    // Findings published by the new server: the event that brings them comes after the new
    // client has replaced the old one.
    const republished = waitForDiagnostics(
      document.uri,
      (d) => d.length > 0 && activated.api.client() !== old,
      'the findings of the new server',
      { onlyNew: true },
    );
    await vscode.commands.executeCommand('policyLexicon.restartServer');
    const current = activated.api.client();
    assert.ok(current && current !== old, 'a new client replaced the old one');
    assert.ok(current.isRunning(), 'the new server runs');
    assert.ok(!old.isRunning(), 'the old server stopped');
    await republished;

    const acronym = rangeOf(document, 'TELMIN');
    const hovers = await execute<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, acronym.start.translate(0, 1));
    assert.match(hoverText(hovers), /ASEAN Telecommunications and Information Technology Ministers' Meeting/);
  });
});
