import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyLexiconApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'policy-lexicon.policy-lexicon';
export const SOURCE = 'policy-lexicon';
/** A bound on every wait, so a broken editor fails the suite instead of hanging it. */
export const WAIT_MS = 30000;

export interface Activated {
  readonly extension: vscode.Extension<PolicyLexiconApi>;
  readonly api: PolicyLexiconApi;
}

/** Activates the extension (it also activates on its own when a Markdown file opens). */
export async function activate(): Promise<Activated> {
  const extension = vscode.extensions.getExtension<PolicyLexiconApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
  const api = await extension.activate();
  return { extension, api };
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the editor has no workspace folder open');
  return folder.uri;
}

let copies = 0;

/** Copies a draft of the test workspace to a new file, so a test that edits it edits only its own. */
export async function copyDraft(name: string): Promise<vscode.Uri> {
  const root = workspaceRoot();
  const content = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name));
  const copy = vscode.Uri.joinPath(root, 'copies', `${++copies}-${name}`);
  await vscode.workspace.fs.writeFile(copy, content);
  return copy;
}

/** Opens a file of the workspace (a name, or a URI) in an editor. */
export async function open(file: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof file === 'string' ? vscode.Uri.joinPath(workspaceRoot(), file) : file;
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Policy Lexicon's diagnostics of a document, in document order. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || a.range.end.compareTo(b.range.end));
}

/** The rule id of a diagnostic: `code` is `{ value, target }` once the rule has a documentation link. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

/**
 * Resolves with the document's diagnostics as soon as `accept` takes them: at once if it
 * takes the current ones, else on the `onDidChangeDiagnostics` event that brings them.
 * Waits on events, never on a clock; `WAIT_MS` only bounds a broken run.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  options: { readonly onlyNew?: boolean } = {},
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    if (!options.onlyNew && accept(ours(uri))) {
      resolve(ours(uri));
      return;
    }
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}; the diagnostics are: ${describe(ours(uri))}`));
    }, WAIT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = ours(uri);
      if (!accept(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

export function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`));
}

/**
 * The range of the first occurrence of `text` in a document, found in its text (JavaScript
 * string offsets are UTF-16 code units, as LSP and VS Code positions are), after `after` if given.
 */
export function rangeOf(doc: vscode.TextDocument, text: string, after?: string): vscode.Range {
  const content = doc.getText();
  const from = after === undefined ? 0 : content.indexOf(after);
  assert.ok(from >= 0, `"${after}" is not in ${doc.uri.path}`);
  const at = content.indexOf(text, from);
  assert.ok(at >= 0, `"${text}" is not in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + text.length));
}

/**
 * Runs the bundled command-line checker on the same engine. Inside VS Code's Electron host,
 * `process.execPath` is Electron: ELECTRON_RUN_AS_NODE makes it a plain Node.
 */
export function runCli(extension: vscode.Extension<unknown>, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs an editor command such as `vscode.executeCodeActionProvider`. The workbench cancels a
 * provider request when something else moves first (the model's state changes under it, as it
 * may while a freshly written file settles); a person's editor simply asks again, and so does
 * this, a bounded number of times. Any other error fails at once.
 */
export async function execute<T>(command: string, ...args: unknown[]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<T>(command, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'Canceled') || attempt === 3) throw error;
      console.log(`    (${command} was cancelled by the editor; asking again)`);
    }
  }
}

/**
 * `execute` until `accept` holds for the answer, a bounded number of times. A request the editor
 * cancels after the server has answered comes back from the language client as an empty result,
 * not as the error `execute` retries on. Returns the last answer either way: the test's own
 * assertions say what was wrong with it.
 */
export async function executeUntil<T>(accept: (result: T) => boolean, command: string, ...args: unknown[]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const result = await execute<T>(command, ...args);
    if (accept(result) || attempt === 3) return result;
    console.log(`    (${command} came back without the answer; asking again)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The text of hover results, joined, with Markdown's backslash escapes removed. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!'"<>|~])/g, '$1');
}
