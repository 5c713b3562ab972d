import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify as yamlStringify } from 'yaml';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  FileChangeType,
  MarkupKind,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type Location,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  addAcceptedEdit,
  appendEntryEdit,
  entryLines,
  newGlossaryText,
  renameEntryEdits,
  yamlString,
  type Entry,
  type CompletionResult,
  type Finding,
  type Glossary,
  type GlossaryProblem,
  type LexiconService,
  sizeVerdict,
  type SizeVerdict,
  type TermInfo,
} from './core';
import { BUILTIN_LABEL, loadBuiltinGlossary } from './builtin';
import {
  FIX_ALL_KIND,
  PublishedDiagnostics,
  SOURCE,
  toCodeAction,
  toCompletionItem,
  toDiagnostic,
  toDocumentTermItem,
  toFixAllAction,
  toHover,
  toTextEdits,
} from './lsp/convert';
import { checkOptions, parseSettings, type Settings } from './lsp/settings';
import { CHECK_WORKSPACE_COMMAND, DocumentTermsRequest, FIX_ALL_COMMAND, StatusNotification, type GlossaryStatus } from './protocol';
import { encodeSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './lsp/semanticTokens';
import { toInlayHint } from './lsp/inlayHints';
import { findRulesDoc } from './rulesDoc';
import { BackgroundChecker } from './lsp/background';
import { GlossaryWorkspace, type Folder } from './workspace';

/** How long the server waits for `workspace/configuration` before using the defaults. */
const CONFIGURATION_TIMEOUT_MS = 2000;
/** Edits to an open glossary are applied this long after the last keystroke. */
const GLOSSARY_DEBOUNCE_MS = 150;

/**
 * Wires the core to an LSP connection. Each handler fetches the document, returns an empty
 * result when it is unknown, calls the core and converts; analysis lives in the core and
 * glossary files in the GlossaryWorkspace.
 */
export function startServer(connection: Connection, options: { readonly workerScript?: string; readonly backgroundIdleMs?: number } = {}): void {
  const documents = new TextDocuments(TextDocument);
  const builtin = loadBuiltinGlossary();
  for (const problem of builtin.problems) {
    connection.console.error(`${builtin.path}:${problem.line + 1}:${problem.character + 1}: ${problem.message}`);
  }
  const logger = { log: (m: string) => connection.console.log(m), error: (m: string) => connection.console.error(m) };
  const rulesDoc = findRulesDoc();
  let workspace = new GlossaryWorkspace([], builtin.glossary, true, logger);

  let hoverMarkup: MarkupKind = MarkupKind.Markdown;
  let completionMarkup: MarkupKind = MarkupKind.Markdown;
  let pullConfiguration = false;
  let workDoneProgress = false;
  let pushedSettings: unknown;
  const settingsCache = new Map<string, Promise<Settings>>();
  const reported = new Set<string>();
  const publishedGlossaryProblems = new Set<string>();
  let semanticTokensRefresh = false;
  let inlayHintRefresh = false;

  /** Tells the client which glossaries are in use (the status item shows it). */
  const sendStatus = () => {
    const glossaries: GlossaryStatus[] = [];
    const seen = new Set<string>();
    if (builtin.glossary) glossaries.push({ label: BUILTIN_LABEL.replace(/^the /, ''), builtin: true, uri: pathToFileURL(builtin.path).href, entries: builtin.glossary.entries.length });
    for (const folder of workspace.folders) {
      for (const file of workspace.statusOf(folder)) {
        if (seen.has(file.file)) continue;
        seen.add(file.file);
        const uri = pathToFileURL(file.file).href;
        glossaries.push({ label: path.basename(file.file), uri, entries: file.entries, error: file.error ? { uri, line: file.error.line, message: file.error.message } : undefined });
      }
    }
    void connection.sendNotification(StatusNotification.type, { glossaries }).catch(() => undefined);
  };

  /** Asks the client to re-request what depends on settings or glossaries but not on the text. */
  const refreshEditorViews = () => {
    if (semanticTokensRefresh) void connection.languages.semanticTokens.refresh().catch(() => undefined);
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };

  const fileOf = (uri: string): string | undefined => {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      return undefined;
    }
  };
  const serviceFor = (uri: string): LexiconService => workspace.serviceFor(fileOf(uri));
  const isDraft = (doc: TextDocument) => {
    const file = fileOf(doc.uri);
    if (file && workspace.isGlossaryFile(file)) return false;
    return doc.languageId === 'markdown' || /\.(md|markdown|mdown|mkd)$/i.test(doc.uri);
  };

  /**
   * Oversized drafts (core/size.ts) are checked on a background thread: one analysis of them
   * takes seconds, and on this thread it would hold up every other document. Of the interactive
   * features, only hover, completion and quick fixes on a draft oversized for its length alone
   * are answered, by that thread from its analysis (`inBackground`, onCodeAction). The verdict
   * is kept per version; the log says once per draft why.
   */
  const verdicts = new Map<string, { version: number; verdict: SizeVerdict }>();
  const oversized = (doc: TextDocument): boolean => {
    const known = verdicts.get(doc.uri);
    if (known?.version === doc.version) return known.verdict.oversized;
    const verdict = sizeVerdict(doc.getText());
    if (verdict.oversized && !known?.verdict.oversized) {
      const features = verdict.blockwise ? 'hover, completion and quick fixes come from that check; no fix-all' : 'without hover, completion or quick fixes';
      logger.log(`${doc.uri} is too large to analyse while typing (${verdict.reason}): it is checked in the background, ${features}`);
    }
    verdicts.set(doc.uri, { version: doc.version, verdict });
    return verdict.oversized;
  };
  /** A draft the interactive features serve. */
  const isInteractive = (doc: TextDocument) => isDraft(doc) && !oversized(doc);
  /** An oversized draft whose analysis the background thread keeps between versions: oversized for its length alone. */
  const isBlockwise = (doc: TextDocument) => oversized(doc) && verdicts.get(doc.uri)?.verdict.blockwise === true;
  const background = options.workerScript ? new BackgroundChecker(options.workerScript, logger.error, options.backgroundIdleMs) : undefined;
  connection.onShutdown(() => background?.dispose());
  /** The version of each draft whose check has started and not finished. */
  const checking = new Map<string, number>();
  /**
   * Asks the background thread about `doc`, a draft oversized for its length alone, once it has
   * checked this version: a check due after the debounce starts now, and one starts if none is
   * due or running (the thread lets an idle draft's analysis go). Undefined for other drafts,
   * and when the draft changes or the request is cancelled first.
   */
  const inBackground = <T>(
    doc: TextDocument,
    token: CancellationToken,
    ask: (checker: BackgroundChecker, glossaries: readonly Glossary[], isStale: () => boolean) => Promise<T | undefined>,
  ): Promise<T | undefined> => {
    const { uri, version } = doc;
    if (!background || !isDraft(doc) || !isBlockwise(doc)) return Promise.resolve(undefined);
    const glossaries = serviceFor(uri).index().glossaries;
    if (!background.keeps(uri, version, glossaries) && (timers.has(uri) || checking.get(uri) !== version)) {
      cancel(uri);
      void validate(uri);
    }
    return ask(background, glossaries, () => token.isCancellationRequested || documents.get(uri)?.version !== version);
  };

  const rawSettings = (scopeUri: string | undefined): Promise<unknown> => {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    const request = connection.workspace.getConfiguration({ scopeUri, section: 'policyLexicon' });
    const timeout = new Promise<unknown>((resolve) => setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS).unref());
    return Promise.race([request, timeout]).catch(() => undefined);
  };

  /** A document's settings: the project's `.policy-lexicon.json` over the editor's settings for that document. */
  const settingsFor = (uri: string): Promise<Settings> => {
    let settings = settingsCache.get(uri);
    if (!settings) {
      const file = fileOf(uri);
      const project = (file && workspace.folderOf(file)?.project) || {};
      settings = rawSettings(uri).then((raw) => resolveSettings({ ...(isObject(raw) ? raw : {}), ...project }));
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

  /** Per draft: cancels its scheduled check. */
  const timers = new Map<string, () => void>();
  const cancel = (uri: string) => {
    timers.get(uri)?.();
    timers.delete(uri);
  };
  /** Per open draft: its last published diagnostics, reused while a finding is unchanged. */
  const published = new Map<string, PublishedDiagnostics>();
  const publishedFor = (uri: string) => {
    let p = published.get(uri);
    if (!p) published.set(uri, (p = new PublishedDiagnostics(uri, rulesDoc)));
    return p;
  };

  /** Checks a draft and publishes its findings, unless it changed or closed in the meantime. */
  const validate = async (uri: string) => {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc || !isDraft(doc)) return;
    const version = doc.version;
    checking.set(uri, version);
    try {
      await checkVersion(uri, version);
    } finally {
      if (checking.get(uri) === version) checking.delete(uri);
    }
  };
  /** validate's work, for `version` of the draft. */
  const checkVersion = async (uri: string, version: number) => {
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    try {
      const service = serviceFor(uri);
      let findings: readonly Finding[];
      if (background && oversized(current)) {
        // A draft oversized for its length alone: the worker keeps its analysis for the next version.
        const keep = isBlockwise(current) ? version : undefined;
        const result = await background.check(uri, current.getText(), service.index().glossaries, checkOptions(settings), () => documents.get(uri)?.version !== version, keep);
        if (!result) return;
        if (result.total > result.findings.length) logger.log(`${uri}: showing the first ${result.findings.length} of ${result.total} findings of this oversized draft`);
        findings = result.findings;
      } else {
        findings = service.diagnose(current, checkOptions(settings));
      }
      await connection.sendDiagnostics({ uri, version, diagnostics: publishedFor(uri).convert(findings) });
    } catch (error) {
      // Never leave stale findings behind a failure.
      logger.error(`checking ${uri} failed: ${(error as Error).stack ?? error}`);
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
    }
  };

  const schedule = async (uri: string) => {
    cancel(uri);
    const { debounceMs } = await settingsFor(uri);
    cancel(uri);
    // No debounce means the next turn of the event loop: a zero timeout would still wait a millisecond.
    if (debounceMs > 0) {
      const timer = setTimeout(() => void validate(uri), debounceMs);
      timers.set(uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(() => void validate(uri));
      timers.set(uri, () => clearImmediate(immediate));
    }
  };

  const revalidate = (folders?: readonly Folder[]) => {
    for (const doc of documents.all()) {
      const file = fileOf(doc.uri);
      if (!folders || (file && folders.includes(workspace.folderOf(file)!))) void validate(doc.uri);
    }
  };

  /** Reloads folders' configuration and glossaries, republishes glossary problems and re-checks their drafts. */
  const refresh = async (folders: readonly Folder[], rediscover: boolean) => {
    for (const folder of folders) {
      const raw = await rawSettings(pathToFileURL(folder.root).href);
      workspace.refreshFolder(folder, raw, rediscover);
      for (const problem of folder.configProblems) connection.console.error(`configuration: ${problem}`);
      publishGlossaryProblems(folder);
    }
    settingsCache.clear();
    revalidate(folders);
    sendStatus();
    refreshEditorViews();
  };

  const publishGlossaryProblems = (folder: Folder) => {
    for (const [file, problems] of workspace.problemsOf(folder)) {
      const uri = pathToFileURL(file).href;
      if (problems.length === 0 && !publishedGlossaryProblems.has(uri)) continue;
      if (problems.length) publishedGlossaryProblems.add(uri);
      else publishedGlossaryProblems.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: problems.map(problemToDiagnostic) });
    }
  };

  const glossaryTimers = new Map<Folder, NodeJS.Timeout>();
  const refreshSoon = (folder: Folder, rediscover: boolean) => {
    clearTimeout(glossaryTimers.get(folder));
    glossaryTimers.set(folder, setTimeout(() => void refresh([folder], rediscover), GLOSSARY_DEBOUNCE_MS));
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const text = caps.textDocument;
    hoverMarkup = text?.hover?.contentFormat?.[0] === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
    completionMarkup =
      text?.completion?.completionItem?.documentationFormat?.[0] === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
    pullConfiguration = caps.workspace?.configuration === true;
    workDoneProgress = caps.window?.workDoneProgress === true;
    semanticTokensRefresh = caps.workspace?.semanticTokens?.refreshSupport === true;
    inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
    const folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folderUris.map(fileOf).filter((f): f is string => f !== undefined);
    const trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    workspace = new GlossaryWorkspace(roots, builtin.glossary, trusted, logger);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { resolveProvider: false, triggerCharacters: [] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND, CHECK_WORKSPACE_COMMAND] },
        definitionProvider: true,
        referencesProvider: { workDoneProgress: true },
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'policy-lexicon', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'policyLexicon' }).catch(() => undefined);
    }
    sendStatus();
    void refresh(workspace.folders, true);
  });

  connection.onDidChangeConfiguration((params) => {
    settingsCache.clear();
    const payload = (params.settings as { policyLexicon?: unknown } | undefined)?.policyLexicon;
    if (payload !== undefined) {
      pushedSettings = payload;
      pullConfiguration = false;
    }
    void refresh(workspace.folders, true);
    revalidate();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const touched = new Map<Folder, boolean>();
    for (const change of params.changes) {
      const file = fileOf(change.uri);
      const folder = file ? workspace.folderOf(file) : undefined;
      if (!file || !folder) continue;
      const name = path.basename(file);
      const config = name === '.policy-lexicon.json' || (name === 'settings.json' && path.basename(path.dirname(file)) === '.vscode');
      if (!config && !workspace.isGlossaryFile(file)) continue;
      if (change.type === FileChangeType.Deleted) workspace.forget(file);
      else workspace.invalidate(file);
      touched.set(folder, (touched.get(folder) ?? false) || change.type !== FileChangeType.Changed || config);
    }
    for (const [folder, rediscover] of touched) void refresh([folder], rediscover);
  });

  connection.onHover((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const hover = (info: TermInfo | undefined) => (info ? toHover(info, hoverMarkup) : null);
    if (isInteractive(doc)) return hover(serviceFor(doc.uri).hover(doc, params.position));
    return inBackground(doc, token, (checker, glossaries, isStale) => checker.hover(doc.uri, doc.version, glossaries, params.position, isStale)).then(hover);
  });

  connection.onCompletion((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const list = (result: CompletionResult | undefined) => (result ? { isIncomplete: result.incomplete, items: result.items.map((c) => toCompletionItem(c, completionMarkup)) } : null);
    if (isInteractive(doc)) return list(serviceFor(doc.uri).complete(doc, params.position));
    return inBackground(doc, token, (checker, glossaries, isStale) => checker.complete(doc.uri, doc.version, glossaries, params.position, isStale)).then(list);
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isDraft(doc)) return [];
    const interactive = !oversized(doc);
    if (!interactive && !(background && isBlockwise(doc))) return [];
    const options = checkOptions(await settingsFor(doc.uri));
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return [];
    const service = serviceFor(doc.uri);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      // A draft the background thread keeps: its quick fixes, once it has checked this version
      // (they do not wait for the check: an editor asks at every move of the cursor).
      const candidates = interactive
        ? service.codeActions(doc, params.range, options)
        : ((await inBackground(doc, token, (checker, glossaries, isStale) => checker.codeActions(doc.uri, doc.version, glossaries, params.range, options, isStale))) ?? []);
      if (documents.get(doc.uri)?.version !== doc.version) return [];
      for (const candidate of candidates) actions.push(toCodeAction(doc, candidate, rulesDoc));
      const seen = new Set<Finding>();
      for (const { finding } of candidates) {
        if (seen.has(finding)) continue;
        seen.add(finding);
        const action = glossaryAction(doc, service, finding);
        if (action) actions.push(action);
      }
    }
    // Fixing all of an oversized draft would hold up this thread for seconds.
    if (interactive && wants(FIX_ALL_KIND)) {
      const edits = service.fixAll(doc, options);
      if (edits.length > 0) actions.push(toFixAllAction(doc, edits));
    }
    return actions;
  });

  /** "Add to workspace glossary" for unknown acronyms and resolutions, "Accept this form" for near misses. */
  const glossaryAction = (doc: TextDocument, service: LexiconService, finding: Finding): CodeAction | undefined => {
    const file = fileOf(doc.uri);
    const folder = file ? workspace.folderOf(file) : undefined;
    if (!folder) return undefined;
    const written = doc.getText().slice(finding.start, finding.end);
    let lines: string[] | undefined;
    let title: string;
    let accept: { entry: Entry; form: string } | undefined;
    if (finding.rule === 'unknown-acronym') {
      const id = written.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      lines = entryLines([['id', id], ['kind', 'body'], ['name', yamlString(`Full name of ${written}`)], ['acronym', yamlString(written)], ['sources', '[{ title: "Where this term comes from" }]']], 'replace the name with the official full name');
      title = `Add "${written}" to the workspace glossary`;
    } else if (finding.rule === 'unknown-resolution') {
      const number = written.replace(/^\D+/, '');
      const session = Number(number.split('/')[0]);
      lines = entryLines([['id', `res-${number.replace('/', '-')}`], ['kind', 'resolution'], ['name', yamlString(`General Assembly resolution ${number}`)], ['number', JSON.stringify(number)], ['symbol', `A/RES/${number}`], ['sources', `[{ title: ${JSON.stringify(`A/RES/${number}`)} }]`]], `session ${session}: add the title and the adoption date once verified`);
      title = `Add resolution ${number} to the workspace glossary`;
    } else if (finding.rule === 'near-miss' && finding.fix) {
      const entry = service.index().lookup(finding.fix.edits[0].newText)?.ref.entry;
      if (!entry) return undefined;
      accept = { entry, form: written.replace(/\s+/g, ' ') };
      title = `Accept "${accept.form}" as a form of ${entry.name}`;
    } else {
      return undefined;
    }
    const builtinEntry = accept && accept.entry.origin.glossary === builtin.path;
    const target = accept && !builtinEntry && /\.ya?ml$/i.test(accept.entry.origin.glossary) ? accept.entry.origin.glossary : workspace.targetGlossary(folder);
    const targetUri = pathToFileURL(target).href;
    const open = documents.get(targetUri);
    let text: string | undefined = open?.getText();
    if (text === undefined) {
      try {
        text = fs.readFileSync(target, 'utf8');
      } catch {
        text = undefined;
      }
    }
    if (accept) lines = builtinEntry ? copyWithAcceptedForm(accept.entry, accept.form) : undefined;
    const edit: WorkspaceEdit = { documentChanges: [] };
    if (text === undefined) {
      edit.documentChanges!.push({ kind: 'create', uri: targetUri, options: { ignoreIfExists: true } });
      edit.documentChanges!.push({ textDocument: { uri: targetUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newGlossaryText(lines!) }] });
    } else {
      const targetDoc = open ?? TextDocument.create(targetUri, 'yaml', 0, text);
      const change = accept && !builtinEntry ? addAcceptedEdit(text, accept.entry.id, accept.form) : appendEntryEdit(text, lines!);
      if (!change) return undefined;
      edit.documentChanges!.push({ textDocument: { uri: targetUri, version: open ? open.version : null }, edits: toTextEdits(targetDoc, [change]) } as TextDocumentEdit);
    }
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(finding, doc.uri, rulesDoc)], edit };
  };

  connection.onExecuteCommand(async (params, token) => {
    if (params.command === CHECK_WORKSPACE_COMMAND) return checkWorkspace(token);
    if (params.command !== FIX_ALL_COMMAND) return null;
    const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
    const doc = uri ? documents.get(uri) : undefined;
    if (!doc || oversized(doc)) return { applied: false, changes: 0 };
    const edits = serviceFor(doc.uri).fixAll(doc, checkOptions(await settingsFor(doc.uri)));
    if (edits.length === 0) return { applied: true, changes: 0 };
    const result = await connection.workspace.applyEdit({
      label: 'Fix all Policy Lexicon problems',
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: toTextEdits(doc, edits) }] },
    });
    return { applied: result.applied, changes: edits.length };
  });

  /** Every draft of the workspace as a document: the editor's version when open, else the file on disk. */
  const workspaceDrafts = function* (): Generator<{ folder: Folder; doc: TextDocument; open: boolean }> {
    for (const folder of workspace.folders) {
      for (const file of workspace.drafts(folder)) {
        const uri = pathToFileURL(file).href;
        const open = documents.get(uri);
        if (open) {
          yield { folder, doc: open, open: true };
          continue;
        }
        try {
          if (fs.statSync(file).size > 16 * 1024 * 1024) continue;
          yield { folder, doc: TextDocument.create(uri, 'markdown', 0, fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')), open: false };
        } catch {
          // Unreadable: nothing to report about it here.
        }
      }
    }
  };

  const progress = async (title: string) => {
    if (!workDoneProgress) return { report: (_p: number, _m: string) => undefined, done: () => undefined };
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(title, 0, undefined, true);
    return { report: (p: number, m: string) => reporter.report(p, m), done: () => reporter.done() };
  };

  /** Checks every draft of the workspace, publishing findings for the closed ones too. */
  const checkWorkspace = async (token: CancellationToken) => {
    const drafts = [...workspaceDrafts()];
    const bar = await progress('Policy Lexicon: checking the workspace');
    let files = 0;
    let findings = 0;
    try {
      for (const { doc, open } of drafts) {
        if (token.isCancellationRequested) return { files, findings, cancelled: true };
        const service = serviceFor(doc.uri);
        const options = checkOptions(await settingsFor(doc.uri));
        // An oversized file goes to the background thread like an oversized open draft.
        const found =
          background && !open && sizeVerdict(doc.getText()).oversized
            ? ((await background.check(doc.uri, doc.getText(), service.index().glossaries, options, () => token.isCancellationRequested))?.findings ?? [])
            : open && oversized(doc)
              ? []
              : service.diagnose(doc, options);
        if (!open) {
          service.forget(doc.uri);
          await connection.sendDiagnostics({ uri: doc.uri, diagnostics: found.map((f) => toDiagnostic(f, doc.uri, rulesDoc)) });
        } else {
          void validate(doc.uri);
        }
        files++;
        findings += found.length;
        bar.report(Math.round((files / Math.max(1, drafts.length)) * 100), `${files}/${drafts.length} drafts`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { files, findings, cancelled: false };
    } finally {
      bar.done();
    }
  };

  connection.onDefinition((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return null;
    const found = serviceFor(doc.uri).entryAt(doc, params.position);
    return found ? entryLocation(found.entry) : null;
  });

  connection.onReferences(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return null;
    const found = serviceFor(doc.uri).entryAt(doc, params.position);
    if (!found) return null;
    const locations: Location[] = [];
    const drafts = [...workspaceDrafts()];
    const bar = await progress('Policy Lexicon: finding references');
    try {
      if (!drafts.some((d) => d.doc.uri === doc.uri)) drafts.unshift({ folder: undefined as unknown as Folder, doc, open: true });
      for (const [i, draft] of drafts.entries()) {
        if (token.isCancellationRequested) break;
        const service = serviceFor(draft.doc.uri);
        for (const m of service.mentionsOf(draft.doc, found.entry.id)) locations.push({ uri: draft.doc.uri, range: { start: m.start, end: m.end } });
        if (!draft.open) service.forget(draft.doc.uri);
        bar.report(Math.round(((i + 1) / drafts.length) * 100), `${i + 1}/${drafts.length} drafts`);
      }
    } finally {
      bar.done();
    }
    if (params.context.includeDeclaration) {
      const location = entryLocation(found.entry);
      if (location) locations.unshift(location);
    }
    return locations;
  });

  connection.onWorkspaceSymbol((params) => {
    const seen = new Set<string>();
    const services = workspace.folders.length ? workspace.folders.map((f) => f.service) : [workspace.loose];
    const symbols = [];
    for (const service of services) {
      for (const entry of service.searchEntries(params.query)) {
        const key = `${entry.origin.glossary}\u0000${entry.id}`;
        const location = entryLocation(entry);
        if (seen.has(key) || !location) continue;
        seen.add(key);
        symbols.push({ name: entry.acronym ? `${entry.name} (${entry.acronym})` : entry.name, kind: symbolKind(entry), containerName: entry.kind, location });
      }
    }
    return symbols;
  });

  connection.onPrepareRename((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return null;
    const found = serviceFor(doc.uri).entryAt(doc, params.position);
    if (!found || !found.renamable) return null;
    if (found.entry.origin.glossary === builtin.path || !/\.ya?ml$/i.test(found.entry.origin.glossary)) {
      throw new ResponseError(ErrorCodes.InvalidRequest, `"${found.entry.name}" comes from ${found.entry.origin.label}, which cannot be edited here: define the entry in a workspace glossary (.lexicon.yaml) to rename it.`);
    }
    return { range: { start: found.start, end: found.end }, placeholder: found.entry.name };
  });

  connection.onRenameRequest((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return null;
    const found = serviceFor(doc.uri).entryAt(doc, params.position);
    const newName = params.newName.trim();
    if (!found || !found.renamable || !newName) return null;
    const entry = found.entry;
    const glossaryFile = entry.origin.glossary;
    if (glossaryFile === builtin.path || !/\.ya?ml$/i.test(glossaryFile)) {
      throw new ResponseError(ErrorCodes.InvalidRequest, `"${entry.name}" comes from ${entry.origin.label}, which cannot be edited here.`);
    }
    const changes: TextDocumentEdit[] = [];
    const drafts = [...workspaceDrafts()];
    if (!drafts.some((d) => d.doc.uri === doc.uri)) drafts.unshift({ folder: undefined as unknown as Folder, doc, open: true });
    for (const draft of drafts) {
      const service = serviceFor(draft.doc.uri);
      const mentions = service.mentionsOf(draft.doc, entry.id, true);
      if (!draft.open) service.forget(draft.doc.uri);
      if (mentions.length === 0) continue;
      changes.push({
        textDocument: { uri: draft.doc.uri, version: draft.open ? draft.doc.version : null },
        edits: mentions.map((m) => ({ range: { start: m.start, end: m.end }, newText: newName })),
      });
    }
    const glossaryUri = pathToFileURL(glossaryFile).href;
    const openGlossary = documents.get(glossaryUri);
    const text = openGlossary?.getText() ?? fs.readFileSync(glossaryFile, 'utf8');
    const edits = renameEntryEdits(text, entry.id, newName, entry.name);
    if (!edits) throw new ResponseError(ErrorCodes.InvalidRequest, `the entry "${entry.id}" could not be found in ${entry.origin.label}`);
    const glossaryDoc = openGlossary ?? TextDocument.create(glossaryUri, 'yaml', 0, text);
    changes.push({ textDocument: { uri: glossaryUri, version: openGlossary ? openGlossary.version : null }, edits: toTextEdits(glossaryDoc, edits) });
    return { documentChanges: changes };
  });

  connection.languages.semanticTokens.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return { data: [] };
    const { semanticHighlighting } = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!semanticHighlighting || !current) return { data: [] };
    return encodeSemanticTokens(serviceFor(current.uri).semanticTokens(current));
  });

  connection.languages.inlayHint.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return [];
    const { inlayHints } = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!inlayHints.expansions || !current) return [];
    return serviceFor(current.uri).expansionHints(current, params.range).map(toInlayHint);
  });

  connection.onRequest(DocumentTermsRequest.type, (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isInteractive(doc)) return { terms: [] };
    return { terms: serviceFor(doc.uri).documentTerms(doc).map(toDocumentTermItem) };
  });

  /** A glossary file open in the editor counts with its unsaved text. */
  const glossaryEdited = (doc: TextDocument, closed: boolean) => {
    const file = fileOf(doc.uri);
    const folder = file ? workspace.folderOf(file) : undefined;
    if (!file || !folder || !workspace.isGlossaryFile(file)) return false;
    workspace.setOpenText(file, closed ? undefined : doc.getText());
    refreshSoon(folder, !folder.discovered.includes(file) && !folder.listed.includes(file));
    return true;
  };

  documents.onDidOpen((event) => {
    if (!glossaryEdited(event.document, false)) void validate(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    if (!glossaryEdited(event.document, false)) void schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    if (glossaryEdited(event.document, true)) return;
    cancel(uri);
    settingsCache.delete(uri);
    verdicts.delete(uri);
    background?.forget(uri);
    published.delete(uri);
    serviceFor(uri).forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  documents.listen(connection);
  connection.listen();

  function entryLocation(entry: Entry): Location | undefined {
    const file = entry.origin.glossary;
    if (!path.isAbsolute(file)) return undefined;
    const position = { line: entry.origin.line, character: entry.origin.character };
    return { uri: pathToFileURL(file).href, range: { start: position, end: position } };
  }
}

/** A copy of a built-in entry, as YAML lines, with one more accepted form (it overrides the built-in entry). */
function copyWithAcceptedForm(entry: Entry, form: string): string[] {
  const plain: Record<string, unknown> = { id: entry.id, kind: entry.kind, name: entry.name };
  if (entry.acronym) plain.acronym = entry.acronym;
  if (entry.acronym) plain.expand = entry.expand;
  plain.accepted = [...entry.accepted, form];
  if (entry.variants.length) plain.variants = entry.variants.map((v) => ({ ...v }));
  if (entry.definition) plain.definition = entry.definition;
  if (entry.parent) plain.parent = entry.parent;
  if (Object.keys(entry.dates).length) plain.dates = { ...entry.dates };
  if (entry.symbol) plain.symbol = entry.symbol;
  if (entry.number) plain.number = entry.number;
  if (entry.title) plain.title = entry.title;
  plain.sources = entry.sources.map((s) => ({ ...s }));
  if (entry.related.length) plain.related = [...entry.related];
  if (entry.replacedBy) plain.replacedBy = entry.replacedBy;
  return yamlStringify([plain], { lineWidth: 0 }).trimEnd().split('\n');
}

function problemToDiagnostic(problem: GlossaryProblem): Diagnostic {
  return {
    range: { start: { line: problem.line, character: problem.character }, end: { line: problem.endLine, character: problem.endCharacter } },
    severity: problem.severity === 'error' ? 1 : 2,
    source: SOURCE,
    code: 'glossary',
    message: problem.message,
  };
}

function symbolKind(entry: Entry): SymbolKind {
  switch (entry.kind) {
    case 'resolution':
    case 'report':
    case 'statement':
      return SymbolKind.File;
    case 'concept':
      return SymbolKind.Constant;
    case 'place':
      return SymbolKind.Namespace;
    default:
      return SymbolKind.Module;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
