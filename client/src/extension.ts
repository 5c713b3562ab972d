import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DocumentTermsRequest, StatusNotification } from '../../server/src/protocol';
import { CLIENT_NAME, createClient } from './client';
import { COMMAND } from './commandIds';
import { registerCommands } from './commands';
import { StatusItem } from './status';
import type { StatusView } from './statusView';
import { TermsView } from './termsView';

let client: LanguageClient | undefined;

/** What `activate` returns: a small API the in-editor tests use. */
export interface PolicyLexiconApi {
  readonly client: () => LanguageClient | undefined;
  /** What the status item shows for the active editor (undefined while it is hidden). */
  readonly status: () => StatusView | undefined;
  /** What the terms view lists. */
  readonly terms: () => ReturnType<TermsView['current']>;
  /** Restarts the server as the restart command does; resolves to whether it runs again. */
  readonly restart: () => Promise<boolean>;
}

export async function activate(context: vscode.ExtensionContext): Promise<PolicyLexiconApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const status = new StatusItem();
  context.subscriptions.push(status);
  const terms = new TermsView(async (uri) => {
    const current = client;
    if (current?.state !== State.Running) return undefined;
    return current.sendRequest(DocumentTermsRequest.type, { textDocument: { uri: current.code2ProtocolConverter.asUri(uri) } });
  });
  context.subscriptions.push(terms);

  let commands: { serverStateChanged: () => void } | undefined;
  const serverStateChanged = () => {
    commands?.serverStateChanged();
    void terms.refresh();
  };

  const start = async () => {
    const created = createClient(context, output, {
      restarting: (attempt, limit) => status.setServer({ kind: 'restarting', attempt, limit }),
      gaveUp: (crashes, windowMinutes) => {
        status.setServer({ kind: 'gave-up', crashes, windowMinutes });
        void offerRestart(`Policy Lexicon: the language server crashed ${crashes} times in ${windowMinutes} minutes and will not be restarted automatically. Drafts are not checked until it runs again.`);
      },
    });
    client = created;
    // Events of a client that a restart has replaced are ignored.
    created.onDidChangeState((event) => {
      if (client !== created) return;
      const previous = status.serverState.kind;
      if (event.newState === State.Running) status.setServer({ kind: 'running' });
      else if (event.newState === State.Starting && previous !== 'restarting') status.setServer({ kind: 'starting' });
      else if (event.newState === State.StartFailed && previous !== 'gave-up') status.setServer({ kind: 'stopped', reason: 'it could not start' });
      else if (event.newState === State.Stopped && previous !== 'gave-up' && previous !== 'restarting') status.setServer({ kind: 'stopped' });
      serverStateChanged();
    });
    created.onNotification(StatusNotification.type, (params) => {
      if (client === created) status.setGlossaries(params.glossaries);
    });
    status.setServer({ kind: 'starting' });
    serverStateChanged();
    await created.start();
  };

  // Restarts run one at a time, and a restart works whatever state the old client is in.
  let queue: Promise<boolean> = Promise.resolve(true);
  const restart = (): Promise<boolean> => {
    queue = queue.then(async () => {
      const old = client;
      client = undefined;
      if (old) await stopQuietly(old, output);
      try {
        await start();
        return true;
      } catch (error) {
        output.error(`starting the server failed: ${String(error)}`);
        status.setServer({ kind: 'stopped', reason: 'it could not start' });
        void offerRestart(`Policy Lexicon could not start its language server: ${String(error)}`);
        return false;
      }
    });
    return queue;
  };

  commands = registerCommands(context, { client: () => client, output, restart, refreshTerms: () => terms.refresh(), asAbsolutePath: (relative) => context.asAbsolutePath(relative) });
  // The server learns whether the workspace is trusted when it starts (initializationOptions):
  // once the user trusts it, start again so glossaries named in settings outside it are read.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()));

  // A server that cannot start is reported, not an activation failure: the status item and
  // the restart command stay available.
  try {
    await start();
  } catch (error) {
    output.error(`starting the server failed: ${String(error)}`);
    status.setServer({ kind: 'stopped', reason: 'it could not start' });
    void offerRestart(`Policy Lexicon could not start its language server: ${String(error)}`);
  }
  return { client: () => client, status: () => status.current(), terms: () => terms.current(), restart };
}

export async function deactivate(): Promise<void> {
  const current = client;
  client = undefined;
  if (current?.isRunning()) await current.stop();
}

/** Stops a client in any state without throwing: a stuck or failed client must not block a restart. */
async function stopQuietly(old: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  try {
    // A client still starting cannot be stopped yet: let the start settle first.
    if (old.state === State.Starting) await old.start().catch(() => undefined);
    if (old.isRunning()) await old.stop(2000);
  } catch (error) {
    output.warn(`stopping the server failed: ${String(error)}`);
  }
}

async function offerRestart(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output');
  if (choice === 'Restart Server') await vscode.commands.executeCommand(COMMAND.restartServer);
  if (choice === 'Show Output') await vscode.commands.executeCommand(COMMAND.showOutput);
}
