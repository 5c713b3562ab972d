import * as vscode from 'vscode';
import { FIX_ALL_COMMAND } from '../../server/src/protocol';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'policyLexicon';
export const CLIENT_NAME = 'Policy Lexicon';

/** Builds the language client: Markdown files and untitled Markdown, server over IPC. */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Glossaries being edited count with their unsaved text.
      { scheme: 'file', pattern: '**/*.lexicon.{yaml,yml,json}' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.lexicon.yaml,*.lexicon.yml,*.lexicon.json,*.tbx,.policy-lexicon.json,.vscode/settings.json}'),
    },
    // Glossaries named in settings outside the workspace are ignored until the workspace is trusted.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    outputChannel: output,
    middleware: {
      // "Fix all" from the Command Palette carries no arguments: give it the active Markdown document.
      executeCommand: (command, args, next) => {
        if (command === FIX_ALL_COMMAND && args.length === 0) {
          const uri = vscode.window.activeTextEditor?.document.uri.toString();
          if (!uri) return undefined;
          return next(command, [uri]);
        }
        return next(command, args);
      },
    },
    // Hover and completion text comes from glossaries: keep markdown.isTrusted and supportHtml at their false defaults.
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
