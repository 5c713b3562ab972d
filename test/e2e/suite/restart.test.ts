import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, executeUntil, hoverText, open, rangeOf, waitForDiagnostics, type Activated } from './helpers';

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
    const hovers = await executeUntil<vscode.Hover[]>((found) => found.length > 0, 'vscode.executeHoverProvider', document.uri, acronym.start.translate(0, 1));
    assert.match(hoverText(hovers), /ASEAN Telecommunications and Information Technology Ministers' Meeting/);
  });

  test('a server that crashes is restarted by the client and publishes again', async () => {
    const { document } = await open('statement.md');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the finding before the crash');
    const [victim, ...others] = serverProcesses();
    assert.ok(victim !== undefined && others.length === 0, `one server process under the extension host, found ${[victim, ...others].join(', ')}`);
    const client = activated.api.client();
    const republished = waitForDiagnostics(document.uri, (d) => d.length > 0 && serverProcesses().some((pid) => pid !== victim), 'the findings of the restarted server', { onlyNew: true });
    process.kill(victim, 'SIGKILL');
    await republished;
    assert.equal(activated.api.client(), client, 'the same client restarted its server (no manual restart)');
    assert.ok(activated.api.client()?.isRunning(), 'the client runs again');
    assert.ok(!serverProcesses().includes(victim), 'the killed server is gone');
    assert.doesNotMatch(activated.api.status()?.text ?? 'no status', /restarting|stopped|no status/, 'the status item shows a running server');
  });
});

/** The language servers this extension host started: its child processes running dist/server.js (from /proc, Linux). */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && /dist[\\/]server\.js/.test(command)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

