import { Worker } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, type CheckOptions, type Finding, type Glossary, type LexiconService } from '../core';

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

interface Job {
  readonly id: number;
  readonly glossaryKey: number;
  readonly glossaries: readonly Glossary[];
  readonly uri: string;
  readonly text: string;
  readonly options: CheckOptions;
  readonly keep: boolean;
  readonly isStale: () => boolean;
  readonly resolve: (result: BackgroundResult | undefined) => void;
  readonly reject: (error: Error) => void;
}

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

interface Reply {
  readonly id: number;
  readonly findings?: Finding[];
  /** How many findings the draft has, of which the first MAX_BACKGROUND_FINDINGS are sent. */
  readonly total?: number;
  /** Whether the check built on the analysis of an earlier one. */
  readonly incremental?: boolean;
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
  private running: Job | undefined;
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
  ) {}

  /**
   * The findings of `text`, or undefined when `isStale` turned true before the check finished.
   * With `keep`, the worker keeps the analysis for the next check of `uri` (see the class).
   */
  check(uri: string, text: string, glossaries: readonly Glossary[], options: CheckOptions, isStale: () => boolean, keep = false): Promise<BackgroundResult | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    let glossaryKey = this.keys.get(glossaries);
    if (glossaryKey === undefined) {
      glossaryKey = ++this.nextKey;
      this.keys.set(glossaries, glossaryKey);
    }
    const key = glossaryKey;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.nextId, glossaryKey: key, glossaries, uri, text, options, keep, isStale, resolve, reject });
      this.pump();
    });
  }

  /** Drops what the worker keeps of `uri` (the draft was closed). */
  forget(uri: string): void {
    const forget: Forget = { forget: uri };
    this.worker?.postMessage(forget);
  }

  /** Stops the worker; pending checks resolve as dropped. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idle);
    for (const job of this.queue.splice(0)) job.resolve(undefined);
    this.running?.resolve(undefined);
    this.running = undefined;
    this.replaceWorker();
  }

  private pump(): void {
    if (this.running?.isStale() && !this.buildsOn(this.running)) {
      const stale = this.running;
      this.running = undefined;
      this.replaceWorker();
      stale.resolve(undefined);
    }
    if (this.running) return;
    let job = this.queue.shift();
    while (job?.isStale()) {
      job.resolve(undefined);
      job = this.queue.shift();
    }
    clearTimeout(this.idle);
    if (!job) {
      // Nothing to do: release the worker (and the memory of its last check) after a while.
      if (this.worker) this.idle = setTimeout(() => this.replaceWorker(), IDLE_MS).unref();
      return;
    }
    this.running = job;
    const worker = this.ensureWorker();
    const request: Request = { id: job.id, glossaryKey: job.glossaryKey, uri: job.uri, text: job.text, options: job.options, keep: job.keep };
    if (!this.sent.has(job.glossaryKey)) {
      request.glossaries = job.glossaries;
      this.sent.add(job.glossaryKey);
      for (const old of [...this.sent].slice(0, -KEPT_GLOSSARY_SETS)) this.sent.delete(old);
    }
    worker.postMessage(request);
  }

  /** Whether the next fresh check builds on the stale `running` one: a later version of its draft, kept, with the same glossaries. */
  private buildsOn(running: Job): boolean {
    if (!running.keep) return false;
    const next = this.queue.find((job) => !job.isStale());
    return next !== undefined && next.keep && next.uri === running.uri && next.glossaryKey === running.glossaryKey;
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
      if (reply.error !== undefined) job.reject(new Error(reply.error));
      else job.resolve(job.isStale() || !reply.findings ? undefined : { findings: reply.findings, total: reply.total ?? reply.findings.length, incremental: reply.incremental === true });
      this.pump();
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.sent = new Set();
      const job = this.running;
      this.running = undefined;
      job?.reject(new Error(`the background checking thread stopped: ${why}`));
      this.pump();
    };
    worker.on('error', (error) => lost(error.stack ?? String(error)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    this.sent = new Set();
    return worker;
  }

  private replaceWorker(): void {
    const old = this.worker;
    this.worker = undefined;
    this.sent = new Set();
    void old?.terminate();
  }
}

/**
 * The worker's side: one service per glossary set (the latest few); each request answered with
 * findings or the error. The analyses of the drafts checked with `keep` stay in their service
 * (the latest `KEPT_DRAFTS`), under a version of the worker's own (the request's id, which only
 * grows), so the next check of the same draft reuses every block the edit did not touch.
 */
export function runBackgroundChecker(port: { on(event: 'message', listener: (request: Request | Forget) => void): void; postMessage(reply: Reply): void }): void {
  const services = new Map<number, { service: LexiconService; logged: string[] }>();
  /** The drafts with a kept analysis, by uri, the latest last, each with the glossary set it was checked with. */
  const kept = new Map<string, number>();
  const drop = (uri: string) => {
    const key = kept.get(uri);
    if (key === undefined) return;
    kept.delete(uri);
    services.get(key)?.service.forget(uri);
  };
  port.on('message', (message) => {
    if ('forget' in message) {
      drop(message.forget);
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
        for (const [uri, key] of kept) if (key === old) kept.delete(uri);
      }
    }
    if (!entry) {
      port.postMessage({ id: request.id, error: `glossary set ${request.glossaryKey} was never sent`, logged: [] });
      return;
    }
    // An analysis kept under another glossary set is of no use here; one of this set is kept
    // again below, as the latest.
    const incremental = kept.get(request.uri) === request.glossaryKey;
    if (incremental) kept.delete(request.uri);
    else drop(request.uri);
    try {
      const doc = TextDocument.create(request.uri, 'markdown', request.id, request.text);
      const findings = entry.service.diagnose(doc, request.options);
      if (request.keep) {
        kept.set(request.uri, request.glossaryKey);
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
