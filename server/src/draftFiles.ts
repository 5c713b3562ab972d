import * as fs from 'node:fs';
import type { PreparedDocument } from './core/prepared';

/** Largest file the walkers and the CLI read; a larger one is reported and skipped. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A draft as the CLI read it: its text without the BOM, and whether it had one. */
export interface Draft {
  readonly text: string;
  readonly bom: boolean;
  /** The text's parse and matches, when another thread made them (see checkInPipeline in cli.ts). */
  readonly prepared?: PreparedDocument;
}

/** Reads a draft, or says why it is skipped (unreadable, binary, too large). */
export function readDraft(file: string): Draft | string {
  let buffer: Buffer;
  // One open and one fstat: system calls cost ~15 µs each on a small VM, and drafts are many.
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES} bytes`;
    buffer = Buffer.allocUnsafe(size);
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = fs.readSync(fd, buffer, read, size - read, null);
    // A file that shrank while it was read: what was read.
    if (read < size) buffer = buffer.subarray(0, read);
  } catch (error) {
    return `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (buffer.subarray(0, 8192).includes(0)) return 'binary file';
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}
