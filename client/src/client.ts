import * as vscode from 'vscode';
import { FIX_ALL_COMMAND, SERVER_ENV } from '../../server/src/protocol';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';

export const CLIENT_ID = 'policyLexicon';
export const CLIENT_NAME = 'Policy Lexicon';

/** What the client reports when the server process goes away without being asked to. */
export interface CrashListener {
  /** The server stopped unexpectedly and is being started again. */
  restarting(attempt: number, limit: number): void;
  /** It crashed too often: it stays stopped until the user restarts it. */
  gaveUp(crashes: number, windowMinutes: number): void;
}

/**
 * Builds the language client: Markdown files and untitled Markdown, server over stdio, the
 * transport every other editor uses (and the one whose encoder reuses unchanged diagnostics).
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, crashes: CrashListener): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // Added to the editor's environment (the library merges it).
  const env = { ...SERVER_ENV };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { env } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'], env } },
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
    errorHandler: restartingErrorHandler(new RestartPolicy(), crashes),
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

/**
 * Restarts a crashed server as long as the policy allows, and says so through `crashes`
 * rather than through vscode-languageclient's own pop-ups: the status item shows a restart
 * in progress, and the extension shows one clear message when it gives up.
 */
export function restartingErrorHandler(policy: RestartPolicy, crashes: CrashListener): ErrorHandler {
  return {
    // A few garbled messages are survivable; a stream of them means the connection is gone.
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = policy.crashed(Date.now());
      if (decision.restart) {
        crashes.restarting(decision.attempt, policy.limit);
        return { action: CloseAction.Restart, message: `The Policy Lexicon server stopped unexpectedly; restarting it (attempt ${decision.attempt} of ${policy.limit}).`, handled: true };
      }
      crashes.gaveUp(decision.crashes, Math.round(policy.windowMs / 60000));
      return { action: CloseAction.DoNotRestart, message: `The Policy Lexicon server crashed ${decision.crashes} times in a row and will not be restarted.`, handled: true };
    },
  };
}
