import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, type Glossary } from './core';
import { BUILTIN_LABEL, loadBuiltinGlossary } from './builtin';
import {
  FIX_ALL_KIND,
  toCodeAction,
  toCompletionItem,
  toDiagnostic,
  toDocumentTermItem,
  toFixAllAction,
  toHover,
  toTextEdits,
} from './lsp/convert';
import { checkOptions, DEFAULT_SETTINGS, parseSettings, type Settings } from './lsp/settings';
import { DocumentTermsRequest, FIX_ALL_COMMAND, StatusNotification, type GlossaryStatus } from './protocol';
import { encodeSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './lsp/semanticTokens';
import { toInlayHint } from './lsp/inlayHints';
import { glossaryStatus } from './lsp/status';
import { findRulesDoc } from './rulesDoc';

/** How long the server waits for `workspace/configuration` before using the defaults. */
const CONFIGURATION_TIMEOUT_MS = 2000;

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
  const logger = { log: (m: string) => connection.console.log(m), error: (m: string) => connection.console.error(m) };
  const service = createLexiconService({ glossaries, logger });
  const rulesDoc = findRulesDoc();
  // What the status item shows; the glossary loader replaces it and calls sendStatus() on each reload.
  let glossaryStatuses: GlossaryStatus[] = [glossaryStatus(BUILTIN_LABEL, builtin.path, builtin, { builtin: true })];
  const sendStatus = () => void connection.sendNotification(StatusNotification.type, { glossaries: glossaryStatuses }).catch(() => undefined);

  let hoverMarkup: MarkupKind = MarkupKind.Markdown;
  let completionMarkup: MarkupKind = MarkupKind.Markdown;
  let pullConfiguration = false;
  let semanticTokensRefresh = false;
  let inlayHintRefresh = false;
  let pushedSettings: unknown;
  const settingsCache = new Map<string, Promise<Settings>>();
  const reported = new Set<string>();

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!pullConfiguration) return Promise.resolve(resolveSettings(pushedSettings));
    let settings = settingsCache.get(uri);
    if (!settings) {
      const request = connection.workspace.getConfiguration({ scopeUri: uri, section: 'policyLexicon' });
      const timeout = new Promise<unknown>((resolve) => setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS).unref());
      settings = Promise.race([request, timeout]).then(resolveSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, settings);
    }
    return settings;
  };

  const resolveSettings = (raw: unknown): Settings => {
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) {
      if (!reported.has(problem)) {
        reported.add(problem);
        connection.console.warn(`settings: ${problem}; using the default`);
      }
    }
    return settings;
  };

  const timers = new Map<string, NodeJS.Timeout>();

  /** Checks a document and publishes its findings, unless it changed or closed in the meantime. */
  const validate = async (uri: string) => {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    try {
      const findings = service.diagnose(current, checkOptions(settings));
      await connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, uri, rulesDoc)) });
    } catch (error) {
      // Never leave stale findings behind a failure.
      logger.error(`checking ${uri} failed: ${(error as Error).stack ?? error}`);
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
    }
  };

  const schedule = async (uri: string) => {
    clearTimeout(timers.get(uri));
    const { debounceMs } = await settingsFor(uri);
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => void validate(uri), debounceMs));
  };

  const revalidateAll = () => {
    for (const doc of documents.all()) void validate(doc.uri);
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const text = caps.textDocument;
    hoverMarkup = text?.hover?.contentFormat?.[0] === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
    completionMarkup =
      text?.completion?.completionItem?.documentationFormat?.[0] === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
    pullConfiguration = caps.workspace?.configuration === true;
    semanticTokensRefresh = caps.workspace?.semanticTokens?.refreshSupport === true;
    inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { resolveProvider: false, triggerCharacters: [] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND] },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'policy-lexicon', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    sendStatus();
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'policyLexicon' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settingsCache.clear();
    const payload = (params.settings as { policyLexicon?: unknown } | undefined)?.policyLexicon;
    if (!pullConfiguration || payload !== undefined) pushedSettings = payload;
    if (payload !== undefined) pullConfiguration = false;
    revalidateAll();
    refreshEditorViews();
  });

  /** Asks the client to re-request what depends on settings or glossaries but not on the text. */
  const refreshEditorViews = () => {
    if (semanticTokensRefresh) void connection.languages.semanticTokens.refresh().catch(() => undefined);
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };

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

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const options = checkOptions(await settingsFor(doc.uri));
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const candidate of service.codeActions(doc, params.range, options)) actions.push(toCodeAction(doc, candidate, rulesDoc));
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = service.fixAll(doc, options);
      if (edits.length > 0) actions.push(toFixAllAction(doc, edits));
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== FIX_ALL_COMMAND) return null;
    const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
    const doc = uri ? documents.get(uri) : undefined;
    if (!doc) return { applied: false, changes: 0 };
    const edits = service.fixAll(doc, checkOptions(await settingsFor(doc.uri)));
    if (edits.length === 0) return { applied: true, changes: 0 };
    const result = await connection.workspace.applyEdit({
      label: 'Fix all Policy Lexicon problems',
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: toTextEdits(doc, edits) }] },
    });
    return { applied: result.applied, changes: edits.length };
  });

  connection.onRequest(DocumentTermsRequest.type, (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { terms: [] };
    return { terms: service.documentTerms(doc).map(toDocumentTermItem) };
  });

  connection.languages.semanticTokens.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { data: [] };
    const { semanticHighlighting } = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!semanticHighlighting || !current) return { data: [] };
    return encodeSemanticTokens(service.semanticTokens(current));
  });

  connection.languages.inlayHint.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { inlayHints } = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!inlayHints.expansions || !current) return [];
    return service.expansionHints(current, params.range).map(toInlayHint);
  });

  documents.onDidOpen((event) => void validate(event.document.uri));
  documents.onDidChangeContent((event) => void schedule(event.document.uri));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    settingsCache.delete(uri);
    service.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  documents.listen(connection);
  connection.listen();
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
