import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_NAME, createClient } from './client';
import { registerCommands } from './commands';

let client: LanguageClient | undefined;

/** What `activate` returns: a small API the in-editor tests use. */
export interface PolicyLexiconApi {
  readonly client: () => LanguageClient | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<PolicyLexiconApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  const start = async () => {
    client = createClient(context, output);
    await client.start();
  };
  const restart = async () => {
    const old = client;
    client = undefined;
    if (old) await old.stop().catch((error: unknown) => output.appendLine(`stopping the server failed: ${String(error)}`));
    await start();
  };
  registerCommands(context, { client: () => client, output, restart });

  try {
    await start();
  } catch (error) {
    void vscode.window.showErrorMessage(`Policy Lexicon could not start its language server: ${String(error)}`);
    throw error;
  }
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
