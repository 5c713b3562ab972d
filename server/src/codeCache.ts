import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';

/**
 * Loads a CommonJS bundle with V8's code cache: the bytecode of the functions a typical run
 * compiled, written at build time beside the bundle (`<bundle>.cache`). V8 then neither parses
 * the bundle nor compiles those functions again (docs/decisions.md, Performance).
 *
 * The cache is an optimisation only. A missing, unreadable, stale or damaged one, or one V8
 * rejects (another Node version, other V8 flags), leaves the bundle compiled from its source as
 * `require` would. V8 checks a cache against the source's length only, and takes damaged data
 * (a test shows it), so the file starts with a header of its own: the length and CRC-32 of the
 * source it was made from, and the CRC-32 of V8's data after the header (Node's own compile
 * cache, from Node 22, checks the same). A rebuilt bundle of the same length never runs the old
 * bytecode. Node before 20.15 has no `zlib.crc32`, and no cache.
 */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  /** Whether V8 used the cache. */
  readonly cached: boolean;
  /** Writes the cache of what has been compiled so far (build time, after a warm-up run); false on a Node without `zlib.crc32`. */
  readonly writeCache: () => boolean;
}

/** Source length, source CRC-32, data CRC-32: three unsigned 32-bit integers, little-endian. */
const HEADER_BYTES = 12;

export function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

export function loadBundle(bundle: string): LoadedBundle {
  const bytes = fs.readFileSync(bundle);
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  const cachedData = crc32 && readCache(cacheFileOf(bundle), bytes, crc32);
  // The wrapper Node puts around a CommonJS module, on one line: line numbers stay the bundle's.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${bytes.toString('utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    exports: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => {
      if (!crc32) return false;
      const data = script.createCachedData();
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(bytes.length, 0);
      header.writeUInt32LE(crc32(bytes), 4);
      header.writeUInt32LE(crc32(data), 8);
      writeAtomically(cacheFileOf(bundle), Buffer.concat([header, data]));
      return true;
    },
  };
}

/** The V8 data of an intact cache made from this source, else undefined. */
function readCache(file: string, source: Buffer, crc32: (data: Uint8Array) => number): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (cache.length <= HEADER_BYTES || cache.readUInt32LE(0) !== source.length || cache.readUInt32LE(4) !== crc32(source)) return undefined;
  const data = cache.subarray(HEADER_BYTES);
  return crc32(data) === cache.readUInt32LE(8) ? data : undefined;
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
