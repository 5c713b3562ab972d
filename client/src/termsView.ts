import * as vscode from 'vscode';
import type { DocumentTermItem, DocumentTermsResult } from '../../server/src/protocol';
import { COMMAND, TERMS_VIEW_ID } from './commandIds';

/** Asks the server for a draft's terms; undefined when the server is not running. */
export type TermsSource = (uri: vscode.Uri) => Promise<DocumentTermsResult | undefined>;

type Node = { readonly type: 'group'; readonly kind: string; readonly terms: readonly DocumentTermItem[] } | { readonly type: 'term'; readonly term: DocumentTermItem };

/** Group headings, in the order the groups are listed; an unknown kind comes last under its own name. */
const KINDS: Record<string, { readonly label: string; readonly icon: string }> = {
  body: { label: 'Bodies', icon: 'organization' },
  forum: { label: 'Forums', icon: 'comment-discussion' },
  meeting: { label: 'Meetings', icon: 'calendar' },
  'working-group': { label: 'Working groups', icon: 'people' },
  resolution: { label: 'Resolutions', icon: 'law' },
  report: { label: 'Reports', icon: 'book' },
  statement: { label: 'Statements', icon: 'quote' },
  strategy: { label: 'Strategies', icon: 'compass' },
  plan: { label: 'Plans', icon: 'checklist' },
  programme: { label: 'Programmes', icon: 'package' },
  partnership: { label: 'Partnerships', icon: 'link' },
  centre: { label: 'Centres', icon: 'home' },
  office: { label: 'Offices', icon: 'briefcase' },
  concept: { label: 'Concepts', icon: 'lightbulb' },
  place: { label: 'Places', icon: 'location' },
};
const KIND_ORDER = Object.keys(KINDS);

/**
 * "Terms in this draft": the glossary entries the active Markdown draft mentions, grouped by
 * kind, with counts. Everything comes from the server's `policyLexicon/documentTerms`; the view
 * only arranges it. Definitions are shown as plain-text tooltips.
 */
export class TermsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private groups: Node[] = [];
  private uri: vscode.Uri | undefined;
  private generation = 0;
  private typingTimer: NodeJS.Timeout | undefined;

  constructor(private readonly source: TermsSource) {
    this.view = vscode.window.createTreeView(TERMS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility(() => void this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== vscode.window.activeTextEditor?.document) return;
        // The server checks after its own debounce; ask again once typing pauses.
        clearTimeout(this.typingTimer);
        this.typingTimer = setTimeout(() => void this.refresh(), 500);
      }),
      // New diagnostics mean the server has analysed the draft again (after an edit or a glossary change).
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((u) => u.toString() === active)) void this.refresh();
      }),
    );
  }

  /** Asks the server again for the active draft's terms (only while the view is visible). */
  async refresh(): Promise<void> {
    if (!this.view.visible) return;
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      // Keep showing the last draft while another kind of editor (or none) has the focus.
      if (!this.uri) this.show([], undefined, 'Open a Markdown draft to see the glossary entries it mentions.');
      return;
    }
    const uri = editor.document.uri;
    let result: DocumentTermsResult | undefined;
    try {
      result = await this.source(uri);
    } catch {
      result = undefined;
    }
    if (generation !== this.generation) return;
    if (!result) {
      this.show([], uri, 'The Policy Lexicon server is not running. Run "Policy Lexicon: Restart Server".');
      return;
    }
    this.show(result.terms, uri, result.terms.length ? undefined : 'This draft mentions no glossary entry yet.');
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const kind = KINDS[node.kind];
      const item = new vscode.TreeItem(kind?.label ?? node.kind, vscode.TreeItemCollapsibleState.Expanded);
      const mentions = node.terms.reduce((n, t) => n + t.count, 0);
      item.description = `${node.terms.length}`;
      item.tooltip = `${node.terms.length === 1 ? '1 entry' : `${node.terms.length} entries`}, ${mentions === 1 ? '1 mention' : `${mentions} mentions`}`;
      item.contextValue = 'policyLexicon.kind';
      return item;
    }
    const { term } = node;
    const item = new vscode.TreeItem(term.name, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.uri?.toString()}#${term.id}`;
    item.description = term.acronym ? `${term.acronym} · ${term.count}×` : `${term.count}×`;
    const line = term.firstRange.start.line + 1;
    // A plain string: the definition is glossary text and must not render as Markdown.
    item.tooltip = `${term.definition ?? term.name}\n\n${term.count === 1 ? 'Mentioned once' : `Mentioned ${term.count} times`}; first on line ${line}.`;
    item.iconPath = new vscode.ThemeIcon(KINDS[term.kind]?.icon ?? 'symbol-constant');
    item.contextValue = 'policyLexicon.term';
    if (this.uri) item.command = { title: 'Reveal First Mention', command: COMMAND.revealTerm, arguments: [this.uri.toString(), term.firstRange] };
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups;
    return node.type === 'group' ? node.terms.map((term) => ({ type: 'term', term })) : [];
  }

  /** The terms the view lists now (for the in-editor tests). */
  current(): { uri: string | undefined; terms: DocumentTermItem[] } {
    return { uri: this.uri?.toString(), terms: this.groups.flatMap((g) => (g.type === 'group' ? [...g.terms] : [])) };
  }

  dispose(): void {
    clearTimeout(this.typingTimer);
    for (const d of this.disposables) d.dispose();
  }

  private show(terms: readonly DocumentTermItem[], uri: vscode.Uri | undefined, message: string | undefined): void {
    this.uri = uri;
    this.groups = groupByKind(terms);
    this.view.message = message;
    this.view.description = uri ? uri.path.split('/').pop() : undefined;
    this.changed.fire(undefined);
  }
}

/** Groups in a fixed kind order; within a group, terms keep the server's order (first mention). */
function groupByKind(terms: readonly DocumentTermItem[]): Node[] {
  const groups = new Map<string, DocumentTermItem[]>();
  for (const term of terms) {
    const list = groups.get(term.kind);
    if (list) list.push(term);
    else groups.set(term.kind, [term]);
  }
  const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([kind, list]) => ({ type: 'group', kind, terms: list }));
}

/** Opens the draft and selects a term's first mention. */
export async function revealTerm(uri: unknown, range: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isRange(range)) return;
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri, true), { selection, preserveFocus: false });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function isRange(value: unknown): value is DocumentTermItem['firstRange'] {
  const r = value as DocumentTermItem['firstRange'] | undefined;
  return typeof r?.start?.line === 'number' && typeof r.start.character === 'number' && typeof r.end?.line === 'number' && typeof r.end.character === 'number';
}
