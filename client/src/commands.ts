import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface CommandContext {
  readonly client: () => LanguageClient | undefined;
  readonly output: vscode.OutputChannel;
  readonly restart: () => Promise<void>;
}

/** The command table: each command id with its handler. */
export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  const table: Record<string, () => unknown> = {
    'policyLexicon.restartServer': async () => {
      await ctx.restart();
      void vscode.window.setStatusBarMessage('Policy Lexicon: server restarted', 3000);
    },
    'policyLexicon.showOutput': () => ctx.output.show(true),
  };
  for (const [id, handler] of Object.entries(table)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
