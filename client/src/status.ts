import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type GlossaryStatus } from '../../server/src/protocol';
import { COMMAND } from './commandIds';
import { statusView, type ServerState, type StatusView } from './statusView';

/**
 * The one status bar item, shown while a Markdown editor is active: glossary state and the
 * draft's findings while the server runs, or what is wrong with the server. The server drives
 * the glossary part with `policyLexicon/status`; the findings are the diagnostics VS Code
 * already holds for the draft.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private server: ServerState = { kind: 'starting' };
  private glossaries: readonly GlossaryStatus[] | undefined;
  private view: StatusView | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('policyLexicon.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Policy Lexicon';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.update();
      }),
    );
    this.update();
  }

  /** The server's state as the extension sees it. */
  get serverState(): ServerState {
    return this.server;
  }

  setServer(state: ServerState): void {
    this.server = state;
    this.update();
  }

  setGlossaries(glossaries: readonly GlossaryStatus[]): void {
    this.glossaries = glossaries;
    this.update();
  }

  /** What the item shows now (for the in-editor tests). */
  current(): StatusView | undefined {
    return this.view;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      this.item.hide();
      return;
    }
    const findings = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
    const view = statusView({ server: this.server, glossaries: this.glossaries, findings });
    this.view = view;
    this.item.text = view.text;
    // A plain string: glossary labels and messages are never rendered as Markdown.
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor =
      view.severity === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = this.command(view);
    this.item.show();
  }

  private command(view: StatusView): vscode.Command {
    const click = view.click;
    if (click.kind === 'restart') return { title: 'Restart Server', command: COMMAND.restartServer };
    if (click.kind === 'open') {
      // The URI comes from the server: open only files, never another scheme such as `command:`.
      const uri = parseFileUri(click.uri);
      if (uri) {
        const at = new vscode.Range(click.line, 0, click.line, 0);
        return { title: 'Open Glossary', command: 'vscode.open', arguments: [uri, { selection: at } satisfies vscode.TextDocumentShowOptions] };
      }
    }
    return { title: 'Show Output', command: COMMAND.showOutput };
  }
}

function parseFileUri(text: string): vscode.Uri | undefined {
  try {
    const uri = vscode.Uri.parse(text, true);
    return uri.scheme === 'file' ? uri : undefined;
  } catch {
    return undefined;
  }
}
