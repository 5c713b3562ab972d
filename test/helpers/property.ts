import * as fc from 'fast-check';

/**
 * Runs a fast-check property with a seed that can be replayed. The seed comes from `FC_SEED`
 * (and the shrink path from `FC_PATH`) when set, else a fresh one; on failure the error says
 * how to run the same cases again. `FUZZ_SCALE` multiplies the number of runs: `npm test`
 * keeps the default, `npm run fuzz` raises it.
 */
export function checkProperty<T>(property: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number): void | Promise<void> {
  const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() ^ (Math.random() * 0x7fffffff);
  const path = process.env.FC_PATH || undefined;
  const runs = path ? 1 : scaledRuns(numRuns);
  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    const replay = `\n\nReplay: FC_SEED=${seed}${path ? ` FC_PATH=${path}` : ''} npm test (add FC_PATH from the message above to jump to the shrunk case)`;
    if (error instanceof Error) {
      error.message = message + replay;
      throw error;
    }
    throw new Error(message + replay);
  };
  try {
    const result: unknown = fc.assert(property as fc.IRawProperty<T>, { seed, path, numRuns: runs, endOnFailure: !!path });
    if (result instanceof Promise) return result.catch(fail);
  } catch (error) {
    fail(error);
  }
}

/** A test's number of cases times `FUZZ_SCALE` (default 1). */
export function scaledRuns(numRuns: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  return Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Mocha timeout for a property test: generous, and unlimited in a scaled fuzz run. */
export function propertyTimeout(defaultMs: number): number {
  return process.env.FUZZ_SCALE ? 0 : defaultMs;
}
