import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Loads a CommonJS bundle with V8's code cache: the bytecode of the functions a typical run
 * compiled, written at build time beside the bundle (`<bundle>.cache`). V8 then neither parses
 * the bundle nor compiles those functions again: `policy-lexicon check examples/` went from
 * ~264 to ~228 ms, a 10 KB draft from ~146 to ~135 ms (docs/decisions.md, Performance).
 *
 * The cache is an optimisation only. A missing, unreadable, stale or damaged one, or one V8
 * rejects (another Node version, other V8 flags), leaves the bundle compiled from its source as
 * `require` would. V8 checks a cache against the source's length only, and takes damaged data
 * (a test shows it), so the file starts with two SHA-1 digests: of the source it was made from,
 * and of V8's data after them. A rebuilt bundle of the same length never runs the old bytecode.
 */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  /** Whether V8 used the cache. */
  readonly cached: boolean;
  /** Writes the cache of what has been compiled so far (build time, after a warm-up run). */
  readonly writeCache: () => void;
}

const DIGEST_BYTES = 20;

function sha1(data: string | Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

export function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

export function loadBundle(bundle: string): LoadedBundle {
  const source = fs.readFileSync(bundle, 'utf8');
  const digest = sha1(source);
  const cachedData = readCache(cacheFileOf(bundle), digest);
  // The wrapper Node puts around a CommonJS module, on one line: line numbers stay the bundle's.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    exports: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => {
      const data = script.createCachedData();
      writeAtomically(cacheFileOf(bundle), Buffer.concat([digest, sha1(data), data]));
    },
  };
}

/** The V8 data of an intact cache made from a source with this digest, else undefined. */
function readCache(file: string, digest: Buffer): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (cache.length <= 2 * DIGEST_BYTES || !cache.subarray(0, DIGEST_BYTES).equals(digest)) return undefined;
  const data = cache.subarray(2 * DIGEST_BYTES);
  return sha1(data).equals(cache.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES)) ? data : undefined;
}

function writeAtomically(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
