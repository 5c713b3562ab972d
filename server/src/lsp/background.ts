import { Worker } from 'node:worker_threads';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';
import { createLexiconService, type CheckOptions, type CodeActionCandidate, type CompletionResult, type Finding, type Glossary, type LexiconService, type TermInfo } from '../core';

/**
 * Checks oversized drafts (see core/size.ts) on a worker thread, so that a draft that takes
 * seconds never holds up requests on other documents. One check runs at a time; a queued check
 * whose document changed or closed is dropped.
 *
 * A check asked to `keep` its analysis (an open draft oversized for its length alone) leaves it
 * in the worker, and the check of the draft's next version builds on it: only the blocks an edit
 * touched are analysed again, as on the server's own thread. So a running check made stale by a
 * newer version of its own draft is let finish (its findings dropped), since the next check
 * builds on it. Any other stale check is stopped by replacing the worker, so it never delays a
 * fresh one: a draft with a stretch too long (one block analysed whole) gains nothing from the
 * last analysis.
 *
 * Hover, completion and quick fixes on a kept draft are answered by the worker from its
 * analysis of the version asked about. A hover or completion waits for the check of that version
 * (at most QUERY_WAIT_MS), then runs before any other job; quick fixes are answered only when
 * that version is already checked (an editor asks for them at every move of the cursor). A query
 * is dropped when its draft changes.
 */

/** Marks the worker's `workerData` so the bundle's entry point knows what to run. */
export const WORKER_ROLE = 'policy-lexicon/background-check';

/**
 * The most findings of one oversized draft sent back and published: a dense 10 MB draft has tens
 * of thousands, and receiving, converting and sending them all takes the server's thread seconds.
 */
export const MAX_BACKGROUND_FINDINGS = 2000;

/** How long an idle worker lives: its heap holds what the last oversized draft needed. */
const IDLE_MS = 30_000;

/** Glossary sets a worker keeps (the latest ones sent). */
const KEPT_GLOSSARY_SETS = 3;

/** Drafts whose analysis a worker keeps (the latest ones checked with `keep`). */
const KEPT_DRAFTS = 2;

/** How long a query waits for the check of its version before it is answered with nothing. */
const QUERY_WAIT_MS = 10_000;

/** What a query asks of a kept draft: hover or completion at a position, or the quick fixes of a range. */
type Query =
  | { readonly hover: Position }
  | { readonly complete: Position }
  | { readonly codeActions: { readonly start: Position; readonly end: Position }; readonly options: CheckOptions };

interface CheckJob {
  readonly kind: 'check';
  readonly id: number;
  readonly glossaryKey: number;
  readonly glossaries: readonly Glossary[];
  readonly uri: string;
  readonly text: string;
  readonly options: CheckOptions;
  /** The version of the draft whose analysis the worker keeps, if it keeps it. */
  readonly keep: number | undefined;
  readonly isStale: () => boolean;
  readonly resolve: (result: BackgroundResult | undefined) => void;
  readonly reject: (error: Error) => void;
}

interface QueryJob {
  readonly kind: 'query';
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly glossaryKey: number;
  readonly query: Query;
  /** Whether it waits for the check of its version, if that has not finished. */
  readonly waits: boolean;
  readonly isStale: () => boolean;
  readonly resolve: (answer: unknown) => void;
  /** While it waits for the check of its version. */
  timer?: NodeJS.Timeout;
}

type Job = CheckJob | QueryJob;

interface Request {
  readonly id: number;
  readonly glossaryKey: number;
  glossaries?: readonly Glossary[];
  readonly uri: string;
  readonly text: string;
  readonly options: CheckOptions;
  /** Keep the analysis for the next check of `uri`. */
  readonly keep: boolean;
}

/** Drops what the worker keeps of a draft (it was closed). */
interface Forget {
  readonly forget: string;
}

/** Asks the worker about the draft it keeps under `uri`. */
interface Ask {
  readonly id: number;
  readonly uri: string;
  readonly query: Query;
}

interface Reply {
  readonly id: number;
  readonly findings?: Finding[];
  /** How many findings the draft has, of which the first MAX_BACKGROUND_FINDINGS are sent. */
  readonly total?: number;
  /** Whether the check built on the analysis of an earlier one. */
  readonly incremental?: boolean;
  /** A query's answer (undefined: nothing there). */
  readonly answer?: TermInfo | CompletionResult | CodeActionCandidate[];
  readonly error?: string;
  readonly logged: string[];
}

export interface BackgroundResult {
  /** The first findings in document order, at most MAX_BACKGROUND_FINDINGS. */
  readonly findings: Finding[];
  /** How many the draft has in all. */
  readonly total: number;
  /** Whether the check built on the worker's analysis of an earlier version. */
  readonly incremental: boolean;
}

export class BackgroundChecker {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  /** Queries waiting for the check of their version. */
  private readonly waiting: QueryJob[] = [];
  private running: Job | undefined;
  /** What the current worker keeps, as it does: by uri, the latest last, the version and glossary set of each. */
  private kept = new Map<string, { readonly version: number; readonly glossaryKey: number }>();
  private nextId = 0;
  /** Glossary sets the current worker holds. */
  private sent = new Set<number>();
  private readonly keys = new WeakMap<readonly Glossary[], number>();
  private nextKey = 0;
  private disposed = false;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly logError: (message: string) => void,
    /** How long the worker lives idle (IDLE_MS; shorter in tests). */
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * The findings of `text`, or undefined when `isStale` turned true before the check finished.
   * With `keep` (the draft's version), the worker keeps the analysis for the next check of `uri`
   * and for queries about that version (see the class).
   */
  check(uri: string, text: string, glossaries: readonly Glossary[], options: CheckOptions, isStale: () => boolean, keep?: number): Promise<BackgroundResult | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    const glossaryKey = this.keyOf(glossaries);
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'check', id: ++this.nextId, glossaryKey, glossaries, uri, text, options, keep, isStale, resolve, reject });
      this.pump();
    });
  }

  /** Whether the worker keeps the analysis of `version` of `uri`, checked with `glossaries`. */
  keeps(uri: string, version: number, glossaries: readonly Glossary[]): boolean {
    const kept = this.kept.get(uri);
    return kept !== undefined && kept.version === version && kept.glossaryKey === this.keys.get(glossaries);
  }

  /** Hover at `position` in `version` of a kept draft, once that version is checked with `keep`; undefined when nothing is there, or the draft changed first. */
  hover(uri: string, version: number, glossaries: readonly Glossary[], position: Position, isStale: () => boolean): Promise<TermInfo | undefined> {
    return this.ask(uri, version, glossaries, { hover: position }, isStale) as Promise<TermInfo | undefined>;
  }

  /** Completion at `position`, as `hover`. */
  complete(uri: string, version: number, glossaries: readonly Glossary[], position: Position, isStale: () => boolean): Promise<CompletionResult | undefined> {
    return this.ask(uri, version, glossaries, { complete: position }, isStale) as Promise<CompletionResult | undefined>;
  }

  /** The quick fixes of the findings in `range`, if the worker has checked `version` already; undefined otherwise. */
  codeActions(
    uri: string,
    version: number,
    glossaries: readonly Glossary[],
    range: { readonly start: Position; readonly end: Position },
    options: CheckOptions,
    isStale: () => boolean,
  ): Promise<CodeActionCandidate[] | undefined> {
    return this.ask(uri, version, glossaries, { codeActions: range, options }, isStale, false) as Promise<CodeActionCandidate[] | undefined>;
  }

  /** Drops what the worker keeps of `uri` (the draft was closed), and the queries waiting for it. */
  forget(uri: string): void {
    for (const query of this.waiting.filter((q) => q.uri === uri)) this.settle(query, undefined);
    this.kept.delete(uri);
    const forget: Forget = { forget: uri };
    this.worker?.postMessage(forget);
  }

  /** Stops the worker; pending checks and queries resolve as dropped. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idle);
    for (const job of this.queue.splice(0)) job.resolve(undefined);
    for (const query of this.waiting.splice(0)) this.settle(query, undefined);
    this.running?.resolve(undefined);
    this.running = undefined;
    this.replaceWorker();
  }

  private keyOf(glossaries: readonly Glossary[]): number {
    let key = this.keys.get(glossaries);
    if (key === undefined) {
      key = ++this.nextKey;
      this.keys.set(glossaries, key);
    }
    return key;
  }

  private ask(uri: string, version: number, glossaries: readonly Glossary[], query: Query, isStale: () => boolean, waits = true): Promise<unknown> {
    if (this.disposed) return Promise.resolve(undefined);
    const glossaryKey = this.keyOf(glossaries);
    return new Promise((resolve) => {
      this.queue.push({ kind: 'query', id: ++this.nextId, uri, version, glossaryKey, query, waits, isStale, resolve });
      this.pump();
    });
  }

  private settle(query: QueryJob, answer: unknown): void {
    clearTimeout(query.timer);
    const at = this.waiting.indexOf(query);
    if (at !== -1) this.waiting.splice(at, 1);
    query.resolve(answer);
  }

  /** Whether the worker has the analysis `query` is about. */
  private answerable(query: QueryJob): boolean {
    const kept = this.kept.get(query.uri);
    return kept !== undefined && kept.version === query.version && kept.glossaryKey === query.glossaryKey;
  }

  private pump(): void {
    for (const query of [...this.waiting]) if (query.isStale()) this.settle(query, undefined);
    if (this.running?.kind === 'check' && this.running.isStale() && !this.buildsOn(this.running)) {
      const stale = this.running;
      this.running = undefined;
      this.replaceWorker();
      stale.resolve(undefined);
    }
    if (this.running) return;
    let job = this.queue.shift();
    while (job && (job.isStale() || (job.kind === 'query' && !this.answerable(job)))) {
      if (job.isStale() || (job.kind === 'query' && !job.waits)) {
        job.resolve(undefined);
      } else if (job.kind === 'query') {
        // Its version is not checked yet: it waits for that check (see `done`).
        const query = job;
        query.timer = setTimeout(() => this.settle(query, undefined), QUERY_WAIT_MS).unref();
        this.waiting.push(query);
      }
      job = this.queue.shift();
    }
    clearTimeout(this.idle);
    if (!job) {
      // Nothing to do: release the worker (and the memory of its last check) after a while.
      if (this.worker) this.idle = setTimeout(() => this.replaceWorker(), this.idleMs).unref();
      return;
    }
    this.running = job;
    const worker = this.ensureWorker();
    if (job.kind === 'query') {
      const ask: Ask = { id: job.id, uri: job.uri, query: job.query };
      worker.postMessage(ask);
      return;
    }
    const request: Request = { id: job.id, glossaryKey: job.glossaryKey, uri: job.uri, text: job.text, options: job.options, keep: job.keep !== undefined };
    if (!this.sent.has(job.glossaryKey)) {
      request.glossaries = job.glossaries;
      this.sent.add(job.glossaryKey);
      for (const old of [...this.sent].slice(0, -KEPT_GLOSSARY_SETS)) {
        // The worker drops that set's service, and the analyses kept in it.
        this.sent.delete(old);
        for (const [uri, kept] of this.kept) if (kept.glossaryKey === old) this.kept.delete(uri);
      }
    }
    worker.postMessage(request);
  }

  /** Whether the next fresh check builds on the stale `running` one: a later version of its draft, kept, with the same glossaries. */
  private buildsOn(running: CheckJob): boolean {
    if (running.keep === undefined) return false;
    const next = this.queue.find((job): job is CheckJob => job.kind === 'check' && !job.isStale());
    return next !== undefined && next.keep !== undefined && next.uri === running.uri && next.glossaryKey === running.glossaryKey;
  }

  /** Follows what the worker keeps after `job`'s check (as runBackgroundChecker does), and lets the queries waiting for it run next. */
  private done(job: CheckJob, ok: boolean): void {
    this.kept.delete(job.uri);
    if (!ok || job.keep === undefined) return;
    this.kept.set(job.uri, { version: job.keep, glossaryKey: job.glossaryKey });
    for (const uri of [...this.kept.keys()].slice(0, -KEPT_DRAFTS)) this.kept.delete(uri);
    const ready = this.waiting.filter((query) => this.answerable(query));
    for (const query of ready) {
      clearTimeout(query.timer);
      this.waiting.splice(this.waiting.indexOf(query), 1);
    }
    this.queue.unshift(...ready);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { role: WORKER_ROLE } });
    // The server's lifetime is the connection's; a running check must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = this.running;
      if (this.worker !== worker || !job || job.id !== reply.id) return;
      this.running = undefined;
      for (const message of reply.logged) this.logError(message);
      if (job.kind === 'query') {
        if (reply.error !== undefined) this.logError(`a query on the background thread failed: ${reply.error}`);
        job.resolve(job.isStale() ? undefined : reply.answer);
      } else {
        this.done(job, reply.error === undefined);
        if (reply.error !== undefined) job.reject(new Error(reply.error));
        else job.resolve(job.isStale() || !reply.findings ? undefined : { findings: reply.findings, total: reply.total ?? reply.findings.length, incremental: reply.incremental === true });
      }
      this.pump();
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.sent = new Set();
      this.kept = new Map();
      const job = this.running;
      this.running = undefined;
      if (job?.kind === 'query') job.resolve(undefined);
      else job?.reject(new Error(`the background checking thread stopped: ${why}`));
      this.pump();
    };
    worker.on('error', (error) => lost(error.stack ?? String(error)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    this.sent = new Set();
    this.kept = new Map();
    return worker;
  }

  private replaceWorker(): void {
    const old = this.worker;
    this.worker = undefined;
    this.sent = new Set();
    this.kept = new Map();
    void old?.terminate();
  }
}

/**
 * The worker's side: one service per glossary set (the latest few); each request answered with
 * findings or the error. The analyses of the drafts checked with `keep` stay in their service
 * (the latest `KEPT_DRAFTS`), under a version of the worker's own (the request's id, which only
 * grows), so the next check of the same draft reuses every block the edit did not touch, and a
 * query about the draft is answered from it.
 */
export function runBackgroundChecker(port: { on(event: 'message', listener: (request: Request | Forget | Ask) => void): void; postMessage(reply: Reply): void }): void {
  const services = new Map<number, { service: LexiconService; logged: string[] }>();
  /** The drafts with a kept analysis, by uri, the latest last, each with the glossary set it was checked with and the document checked. */
  const kept = new Map<string, { glossaryKey: number; doc: TextDocument }>();
  const drop = (uri: string) => {
    const draft = kept.get(uri);
    if (draft === undefined) return;
    kept.delete(uri);
    services.get(draft.glossaryKey)?.service.forget(uri);
  };
  port.on('message', (message) => {
    if ('forget' in message) {
      drop(message.forget);
      return;
    }
    if ('query' in message) {
      const draft = kept.get(message.uri);
      const service = draft && services.get(draft.glossaryKey)?.service;
      const { query } = message;
      try {
        const answer = !draft || !service
          ? undefined
          : 'hover' in query
            ? service.hover(draft.doc, query.hover)
            : 'complete' in query
              ? service.complete(draft.doc, query.complete)
              : service.codeActions(draft.doc, query.codeActions, query.options);
        port.postMessage({ id: message.id, answer, logged: [] });
      } catch (error) {
        port.postMessage({ id: message.id, error: (error as Error).stack ?? String(error), logged: [] });
      }
      return;
    }
    const request = message;
    let entry = services.get(request.glossaryKey);
    if (!entry && request.glossaries) {
      const logged: string[] = [];
      const service = createLexiconService({ glossaries: request.glossaries, logger: { log: () => undefined, error: (m) => logged.push(m) } });
      entry = { service, logged };
      services.set(request.glossaryKey, entry);
      for (const old of [...services.keys()].slice(0, -KEPT_GLOSSARY_SETS)) {
        services.delete(old);
        for (const [uri, draft] of kept) if (draft.glossaryKey === old) kept.delete(uri);
      }
    }
    if (!entry) {
      port.postMessage({ id: request.id, error: `glossary set ${request.glossaryKey} was never sent`, logged: [] });
      return;
    }
    // An analysis kept under another glossary set is of no use here; one of this set is kept
    // again below, as the latest.
    const incremental = kept.get(request.uri)?.glossaryKey === request.glossaryKey;
    if (incremental) kept.delete(request.uri);
    else drop(request.uri);
    try {
      const doc = TextDocument.create(request.uri, 'markdown', request.id, request.text);
      const findings = entry.service.diagnose(doc, request.options);
      if (request.keep) {
        kept.set(request.uri, { glossaryKey: request.glossaryKey, doc });
        for (const uri of [...kept.keys()].slice(0, -KEPT_DRAFTS)) drop(uri);
      } else {
        entry.service.forget(request.uri);
      }
      port.postMessage({ id: request.id, findings: findings.slice(0, MAX_BACKGROUND_FINDINGS), total: findings.length, incremental, logged: entry.logged.splice(0) });
    } catch (error) {
      entry.service.forget(request.uri);
      port.postMessage({ id: request.id, error: (error as Error).stack ?? String(error), logged: entry.logged.splice(0) });
    }
  });
}
