import {
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, type Glossary } from './core';
import { loadBuiltinGlossary } from './builtin';
import { toCompletionItem, toDocumentTermItem, toHover } from './lsp/convert';
import { DocumentTermsRequest } from './protocol';

/**
 * Wires the core to an LSP connection. Each handler fetches the document, returns an empty
 * result when it is unknown, calls the core and converts; analysis lives in the core.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const builtin = loadBuiltinGlossary();
  for (const problem of builtin.problems) {
    connection.console.error(`${builtin.path}:${problem.line + 1}:${problem.character + 1}: ${problem.message}`);
  }
  const glossaries: Glossary[] = builtin.glossary ? [builtin.glossary] : [];
  const service = createLexiconService({ glossaries, logger: { log: (m) => connection.console.log(m), error: (m) => connection.console.error(m) } });

  let hoverMarkup: MarkupKind = MarkupKind.Markdown;
  let completionMarkup: MarkupKind = MarkupKind.Markdown;

  connection.onInitialize((params): InitializeResult => {
    const text = params.capabilities.textDocument;
    hoverMarkup = text?.hover?.contentFormat?.[0] === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
    completionMarkup =
      text?.completion?.completionItem?.documentationFormat?.[0] === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { resolveProvider: false, triggerCharacters: [] },
      },
      serverInfo: { name: 'policy-lexicon', version: VERSION },
    };
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const info = service.hover(doc, params.position);
    return info ? toHover(info, hoverMarkup) : null;
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const result = service.complete(doc, params.position);
    return { isIncomplete: result.incomplete, items: result.items.map((c) => toCompletionItem(c, completionMarkup)) };
  });

  connection.onRequest(DocumentTermsRequest.type, (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { terms: [] };
    return { terms: service.documentTerms(doc).map(toDocumentTermItem) };
  });

  documents.onDidClose((event) => service.forget(event.document.uri));
  documents.listen(connection);
  connection.listen();
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
