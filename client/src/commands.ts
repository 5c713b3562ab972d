import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DocumentTermsRequest } from '../../server/src/protocol';
import { abbreviationList } from './abbreviations';
import { COMMAND, EXAMPLE_DRAFT } from './commandIds';
import { revealTerm } from './termsView';

export interface CommandContext {
  /** The current client; undefined between a restart's stop and start. */
  readonly client: () => LanguageClient | undefined;
  readonly output: vscode.OutputChannel;
  /** Stops the server if it runs and starts a fresh one; never rejects. */
  readonly restart: () => Promise<boolean>;
  readonly refreshTerms: () => Promise<void>;
  /** A file of the extension, by its path relative to the extension's folder. */
  readonly asAbsolutePath: (relative: string) => string;
}

type Handler = (...args: unknown[]) => unknown;

/**
 * A command: what it does while the server runs, and what it does otherwise (by default: say
 * plainly that the server is not running and offer to restart it). Commands that do not need
 * the server have only `enabled`.
 */
interface CommandSpec {
  readonly enabled: (ctx: CommandContext) => Handler;
  readonly disabled?: (ctx: CommandContext) => Handler;
  readonly needsServer: boolean;
  /**
   * Announced by the server (`executeCommandProvider`), so vscode-languageclient registers it
   * while the server runs; the extension registers the disabled variant only in between.
   */
  readonly serverOwned?: boolean;
}

/** The command table. */
const COMMANDS: Record<string, CommandSpec> = {
  [COMMAND.restartServer]: {
    needsServer: false,
    enabled: (ctx) => async () => {
      if (await ctx.restart()) void vscode.window.setStatusBarMessage('Policy Lexicon: server restarted', 3000);
    },
  },
  [COMMAND.showOutput]: { needsServer: false, enabled: (ctx) => () => ctx.output.show(true) },
  [COMMAND.insertAbbreviations]: { needsServer: true, enabled: (ctx) => () => insertAbbreviations(ctx.client()!) },
  [COMMAND.refreshTerms]: { needsServer: false, enabled: (ctx) => () => ctx.refreshTerms() },
  [COMMAND.openExample]: { needsServer: false, enabled: (ctx) => () => openExample(ctx) },
  [COMMAND.revealTerm]: { needsServer: false, enabled: () => (uri, range) => revealTerm(uri, range) },
  [COMMAND.fixAll]: { needsServer: true, serverOwned: true, enabled: () => () => undefined },
  [COMMAND.checkWorkspace]: { needsServer: true, serverOwned: true, enabled: () => () => undefined },
};

/**
 * Registers the command table. Returns `serverStateChanged`, to call whenever the client's
 * state changes: it swaps the disabled variants of server-owned commands in and out.
 */
export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): { serverStateChanged: () => void } {
  const running = () => ctx.client()?.state === State.Running;
  const fallbacks = new Map<string, vscode.Disposable>();
  for (const [id, spec] of Object.entries(COMMANDS)) {
    if (spec.serverOwned) continue;
    const enabled = spec.enabled(ctx);
    const disabled = (spec.disabled ?? notRunning)(ctx);
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => (!spec.needsServer || running() ? enabled : disabled)(...args)));
  }
  context.subscriptions.push({ dispose: () => fallbacks.forEach((d) => d.dispose()) });

  const reconcile = () => {
    const state = ctx.client()?.state;
    const serverHasThem = state === State.Running || state === State.Starting;
    for (const [id, spec] of Object.entries(COMMANDS)) {
      if (!spec.serverOwned) continue;
      const fallback = fallbacks.get(id);
      if (serverHasThem && fallback) {
        fallback.dispose();
        fallbacks.delete(id);
      } else if (!serverHasThem && !fallback) {
        try {
          fallbacks.set(id, vscode.commands.registerCommand(id, (spec.disabled ?? notRunning)(ctx)));
        } catch (error) {
          // vscode-languageclient still holds it; the next state change tries again.
          ctx.output.appendLine(`could not register the stand-in for ${id}: ${String(error)}`);
        }
      }
    }
  };
  reconcile();
  return {
    serverStateChanged: () => {
      // Leaving "running", vscode-languageclient fires the state change before it unregisters
      // the server's commands, so register the stand-ins a moment later; entering "starting",
      // drop them at once, before the server's commands are registered again.
      const state = ctx.client()?.state;
      if (state === State.Starting || state === State.Running) reconcile();
      else setImmediate(reconcile);
    },
  };
}

/** The disabled variant: says the server is not running and offers to restart it. */
function notRunning(ctx: CommandContext): Handler {
  return async () => {
    const starting = ctx.client()?.state === State.Starting;
    const message = starting
      ? 'Policy Lexicon: the language server is still starting. Try again in a moment.'
      : 'Policy Lexicon: the language server is not running, so this command cannot run. Restart the server to use it.';
    const choice = await vscode.window.showWarningMessage(message, ...(starting ? [] : ['Restart Server', 'Show Output']));
    if (choice === 'Restart Server') await vscode.commands.executeCommand(COMMAND.restartServer);
    if (choice === 'Show Output') ctx.output.show(true);
  };
}

/**
 * Opens the example draft as a new untitled Markdown document, so trying the fixes never
 * changes the extension's own copy.
 */
async function openExample(ctx: CommandContext): Promise<void> {
  const file = vscode.Uri.file(ctx.asAbsolutePath(EXAMPLE_DRAFT));
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    void vscode.window.showErrorMessage(`Policy Lexicon: the example draft is missing from this installation (${String(error)}).`);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document);
}

/** Inserts the draft's abbreviations ("- ACR — Full Name", sorted) at the cursor, as a Markdown list. */
async function insertAbbreviations(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Policy Lexicon: open a Markdown draft to insert its list of abbreviations.');
    return;
  }
  const document = editor.document;
  const version = document.version;
  const result = await client.sendRequest(DocumentTermsRequest.type, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } });
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const list = abbreviationList(result.terms, eol);
  if (!list) {
    void vscode.window.showInformationMessage('Policy Lexicon: this draft uses no abbreviation that the glossaries know.');
    return;
  }
  if (document.version !== version) return;
  // Keep the list a block of its own: a blank line before it unless one is there already, and one
  // after it when text follows on the cursor's line (otherwise the rest of that line is the blank line).
  const selection = editor.selection;
  const startLine = selection.start.line;
  const endLine = selection.end.line;
  const textBefore = document.lineAt(startLine).text.slice(0, selection.start.character).trim() !== '';
  const previousBlank = startLine === 0 || document.lineAt(startLine - 1).isEmptyOrWhitespace;
  const before = textBefore ? eol + eol : previousBlank ? '' : eol;
  const textAfter = document.lineAt(endLine).text.slice(selection.end.character).trim() !== '';
  const after = textAfter ? eol + eol : '';
  await editor.edit((edit) => edit.replace(selection, before + list + after));
}
