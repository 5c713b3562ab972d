import { parentPort, type MessagePort } from 'node:worker_threads';
import type { MatcherForm } from './core/glossary/glossaryIndex';
import { formFinder, packedBuffers, packPrepared, prepareDocument, type PackedPrepared } from './core/prepared';
import { readDraft } from './draftFiles';

/**
 * The preparing thread of the CLI's two-thread runs (`checkInPipeline` in cli.ts): reads each
 * draft in input order and prepares it (its Markdown parse and the matches of the main thread's
 * glossary forms) for the main thread to analyse.
 *
 * It is a bundle of its own, `dist/cli-prepare.js`, which the launcher (cliLauncher.ts) loads on
 * that thread: markdown-it and the matcher, 0.28 MB, against the whole CLI's 0.95 MB. The
 * thread's start is on the run's critical path (the main thread waits for its first draft), and
 * loading and running the smaller bundle's top level takes ~9–10 ms against ~21–24
 * (docs/decisions.md, Performance).
 */

/** How far the preparing thread may go ahead of the drafts checked: a bound on what it holds ready. */
export const AHEAD = 16;

/** A message from the preparing thread: a draft read and prepared (`packed.parse.text` is its text, the BOM apart), or why it is skipped, or an error. */
export type FromPreparer = { readonly i: number; readonly packed: PackedPrepared; readonly bom: boolean } | { readonly i: number; readonly skipped: string } | { readonly failed: string };

/**
 * Prepares `files` in order and posts each to `port`. `limit` is shared with the main thread:
 * `limit[0]`, the drafts it has taken plus `AHEAD` (this thread waits there), and `limit[1]`,
 * set when the main thread is done (this thread then returns).
 */
export function runPreparer({ files, limit, forms }: { readonly files: readonly string[]; readonly limit: Int32Array; readonly forms: readonly MatcherForm[] }, port: MessagePort = parentPort!): void {
  try {
    const finder = formFinder(forms);
    for (let i = 0; i < files.length; i++) {
      for (let at = Atomics.load(limit, 0); i >= at && Atomics.load(limit, 1) === 0; at = Atomics.load(limit, 0)) Atomics.wait(limit, 0, at);
      if (Atomics.load(limit, 1) !== 0) return;
      const draft = readDraft(files[i]);
      if (typeof draft === 'string') {
        port.postMessage({ i, skipped: draft });
        continue;
      }
      const packed = packPrepared(prepareDocument(draft.text, finder));
      port.postMessage({ i, packed, bom: draft.bom }, packedBuffers(packed));
    }
    while (Atomics.load(limit, 1) === 0) Atomics.wait(limit, 1, 0);
  } catch (error) {
    port.postMessage({ failed: (error as Error).stack ?? String(error) });
  }
}

/** Prepares each of `files` once, as the thread would (build time: the bundle's code cache holds what this compiles); how many were prepared. */
export function warmPreparer(files: readonly string[], forms: readonly MatcherForm[]): number {
  const finder = formFinder(forms);
  let prepared = 0;
  for (const file of files) {
    const draft = readDraft(file);
    if (typeof draft === 'string') continue;
    packPrepared(prepareDocument(draft.text, finder));
    prepared++;
  }
  return prepared;
}
