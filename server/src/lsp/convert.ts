import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionCandidate, CompletionCandidate, DocumentTerm, Edit, EntryKind, Finding, Severity, TermInfo } from '../core';
import { DIAGNOSTIC_SOURCE } from '../diagnosticSource';
import type { DocumentTermItem } from '../protocol';
import { plainMarkup, termInfoMarkup } from './markup';

const COMPLETION_KINDS: Record<EntryKind, CompletionItemKind> = {
  body: CompletionItemKind.Module,
  forum: CompletionItemKind.Event,
  meeting: CompletionItemKind.Event,
  'working-group': CompletionItemKind.Event,
  resolution: CompletionItemKind.Reference,
  report: CompletionItemKind.File,
  statement: CompletionItemKind.File,
  strategy: CompletionItemKind.Struct,
  plan: CompletionItemKind.Struct,
  programme: CompletionItemKind.Unit,
  partnership: CompletionItemKind.Interface,
  centre: CompletionItemKind.Module,
  office: CompletionItemKind.Module,
  concept: CompletionItemKind.Text,
  place: CompletionItemKind.Value,
};

export function toHover(info: TermInfo, markup: MarkupKind): Hover {
  return { contents: termInfoMarkup(info, markup), range: info.range };
}

export function toCompletionItem(candidate: CompletionCandidate, markup: MarkupKind): CompletionItem {
  return {
    label: candidate.label,
    kind: COMPLETION_KINDS[candidate.kind],
    detail: candidate.detail,
    documentation: candidate.documentation ? plainMarkup(candidate.documentation, markup) : undefined,
    textEdit: { range: candidate.replace, newText: candidate.insertText },
    filterText: candidate.filterText,
    sortText: candidate.sortText,
  };
}

export function toDocumentTermItem(term: DocumentTerm): DocumentTermItem {
  return {
    id: term.id,
    kind: term.kind,
    name: term.name,
    acronym: term.acronym ?? null,
    count: term.count,
    firstRange: term.firstRange,
    ...(term.definition !== undefined ? { definition: term.definition } : {}),
  };
}

/** The diagnostic `source` of every Policy Lexicon finding. */
export const SOURCE = DIAGNOSTIC_SOURCE;

const SEVERITY: Record<Exclude<Severity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A finding as an LSP diagnostic. `rulesDoc` is the URI of docs/rules.md; the rule's section is
 * its anchor, as in the CLI's output. No `data`: the rule is the `code`, and a code action
 * recomputes its fixes on the current text, so nothing else needs to travel with the diagnostic
 * (a publish of a 1 MB draft carries ~1,500 of them on every keystroke).
 */
export function toDiagnostic(finding: Finding, uri: string, rulesDoc: string | undefined): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: rulesDoc ? { href: `${rulesDoc}#${finding.rule}` } : undefined,
    source: SOURCE,
    message: finding.message,
    relatedInformation: finding.related.length
      ? finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }))
      : undefined,
  };
}

/**
 * One document's published diagnostics. A finding that is the same as one published last time
 * (rule, severity, ranges and messages) gets the same diagnostic object back, so a keystroke
 * allocates only for what it changed and the encoder reuses the bytes it already has
 * (lsp/wire.ts). Findings come in document order, so the previous list is walked alongside.
 */
export class PublishedDiagnostics {
  private previous: readonly Diagnostic[] = [];
  private previousFindings: readonly Finding[] = [];

  constructor(
    private readonly uri: string,
    private readonly rulesDoc: string | undefined,
  ) {}

  convert(findings: readonly Finding[]): Diagnostic[] {
    const previous = this.previous;
    const previousFindings = this.previousFindings;
    let j = 0;
    const out: Diagnostic[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const finding = findings[i];
      const start = finding.range.start;
      while (j < previous.length && before(previous[j].range.start, start)) j++;
      let same: Diagnostic | undefined;
      // The very finding converted last time (the core reuses unmoved findings), or an equal one.
      for (let k = j; k < previous.length && !before(start, previous[k].range.start); k++) {
        if (previousFindings[k] === finding || this.same(previous[k], finding)) {
          same = previous[k];
          break;
        }
      }
      out[i] = same ?? toDiagnostic(finding, this.uri, this.rulesDoc);
    }
    this.previous = out;
    this.previousFindings = findings;
    return out;
  }

  /** Whether `toDiagnostic(f)` would equal `d` (its code description follows from the rule). */
  private same(d: Diagnostic, f: Finding): boolean {
    if (d.code !== f.rule || d.severity !== SEVERITY[f.severity] || d.message !== f.message || !sameRange(d.range, f.range)) return false;
    const related = d.relatedInformation ?? [];
    if (related.length !== f.related.length) return false;
    return related.every((r, i) => r.message === f.related[i].message && sameRange(r.location.range, f.related[i].range));
  }
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function sameRange(a: Range, b: { readonly start: Position; readonly end: Position }): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function toTextEdits(doc: TextDocument, edits: readonly Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

/** A quick fix as a versioned edit: the editor refuses it if the document changed since. */
export function toCodeAction(doc: TextDocument, candidate: CodeActionCandidate, rulesDoc: string | undefined): CodeAction {
  return {
    title: candidate.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(candidate.finding, doc.uri, rulesDoc)],
    isPreferred: candidate.preferred || undefined,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: toTextEdits(doc, candidate.edits) }] },
  };
}

/** The source action that fixes everything (`editor.codeActionsOnSave` can run it). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.policyLexicon`;

export function toFixAllAction(doc: TextDocument, edits: readonly Edit[]): CodeAction {
  return {
    title: 'Fix all Policy Lexicon problems',
    kind: FIX_ALL_KIND,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: toTextEdits(doc, edits) }] },
  };
}
