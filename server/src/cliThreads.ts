import { isMainThread, workerData } from 'node:worker_threads';
import type { MatcherForm } from './core/glossary/glossaryIndex';

/**
 * What a CLI worker thread starts with (its `workerData`): its part, and what it needs for it.
 * A thread that checks drafts configures itself from the arguments as the main thread did; the
 * preparing thread of a two-thread run (`checkInPipeline` in cli.ts) reads and prepares the
 * drafts, finding the main thread's glossary forms.
 */
export type CliWorkerData =
  | { readonly policyLexiconWorker: true; readonly role: 'check'; readonly argv: readonly string[]; readonly cwd: string }
  | { readonly policyLexiconWorker: true; readonly role: 'prepare'; readonly files: readonly string[]; readonly limit: Int32Array; readonly forms: readonly MatcherForm[] };

/** This thread's part, when it is a worker thread the CLI started. */
export function cliWorkerData(): CliWorkerData | undefined {
  return !isMainThread && (workerData as { policyLexiconWorker?: boolean } | undefined)?.policyLexiconWorker ? (workerData as CliWorkerData) : undefined;
}
