import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover } from 'vscode-languageserver';
import type { CompletionCandidate, DocumentTerm, EntryKind, TermInfo } from '../core';
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
  return { id: term.id, kind: term.kind, name: term.name, acronym: term.acronym ?? null, count: term.count, firstRange: term.firstRange };
}
