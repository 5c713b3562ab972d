import type { Diagnostic } from 'vscode-languageserver-types';
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * The JSON encoding of the stdio transport. A keystroke in a large draft republishes every
 * diagnostic of the document, and most are the very objects published before (see
 * `PublishedDiagnostics`): each diagnostic's bytes are kept while the object lives, so a
 * publishDiagnostics message is copied together from them instead of being stringified whole
 * (on a 1 MB draft, 1,460 diagnostics: 0.5 ms instead of 3 ms, and no 0.7 MB string to collect).
 * Every other message is `JSON.stringify`, as the library's own encoder does; the bytes are the
 * same either way (test/lsp/wire.test.ts).
 */
const encoded = new WeakMap<Diagnostic, Buffer>();
const COMMA = Buffer.from(',');
const NO_HEADER = Buffer.alloc(0);

/**
 * A message as the base protocol frames it: `Content-Length: N` and a blank line, then the UTF-8
 * JSON, in pieces to be written together. The body is gathered behind an empty first slot that
 * the header takes once the length is known, then copied into pieces of at most `FRAME_PIECE`
 * bytes (a larger single part is a piece of its own): a 1 MB draft's ~0.7 MB publishDiagnostics
 * is copied once, and no buffer large enough for the C allocator to map and unmap it on every
 * keystroke is made (see docs/decisions.md, Performance). A small message is one piece.
 */
export function frameMessage(message: Message): Buffer[] {
  const parts: Buffer[] = [NO_HEADER];
  const length = encodeInto(message, parts);
  parts[0] = Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii');
  const pieces: Buffer[] = [];
  // A run of one part is that part, not a copy of it (a large response body, or a long diagnostic).
  const piece = (from: number, to: number, size: number) => (to - from === 1 ? parts[from] : Buffer.concat(parts.slice(from, to), size));
  let from = 0;
  let size = 0;
  for (let i = 0; i < parts.length; i++) {
    if (size > 0 && size + parts[i].length > FRAME_PIECE) {
      pieces.push(piece(from, i, size));
      from = i;
      size = 0;
    }
    size += parts[i].length;
  }
  pieces.push(piece(from, parts.length, size));
  return pieces;
}

/** Below glibc's default mmap threshold (128 KB), so a piece is served from, and returned to, the heap. */
export const FRAME_PIECE = 64 * 1024;

/** Appends the UTF-8 JSON of `message` to `parts`, in pieces; returns its length in bytes. */
function encodeInto(message: Message, parts: Buffer[]): number {
  const publish = asPublish(message);
  if (!publish) {
    const body = Buffer.from(JSON.stringify(message), 'utf-8');
    parts.push(body);
    return body.length;
  }
  const { diagnostics, ...params } = publish.params;
  let length = 0;
  const push = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  // `{…,"params":{…,"diagnostics":[` + each diagnostic, comma-separated + `]}}`, keys in the order JSON.stringify writes them.
  const head = JSON.stringify({ ...publish, params: { ...params, diagnostics: [] } });
  push(Buffer.from(head.slice(0, head.length - 3), 'utf-8'));
  diagnostics.forEach((diagnostic, i) => {
    if (i > 0) push(COMMA);
    let bytes = encoded.get(diagnostic);
    if (!bytes) {
      // Outside Node's shared 8 KB pool: a pooled slice would keep its whole slab alive as long as
      // the diagnostic lives, and long-lived diagnostics would pin many half-empty slabs.
      const json = JSON.stringify(diagnostic);
      bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json, 'utf-8'));
      bytes.write(json, 'utf-8');
      encoded.set(diagnostic, bytes);
    }
    push(bytes);
  });
  push(Buffer.from(head.slice(head.length - 3), 'utf-8'));
  return length;
}

interface PublishMessage {
  jsonrpc: string;
  method: 'textDocument/publishDiagnostics';
  params: { uri: string; version?: number; diagnostics: Diagnostic[] };
}

/** A publishDiagnostics notification whose `diagnostics` is the last key of its params (as sendDiagnostics builds it). */
function asPublish(message: Message): PublishMessage | undefined {
  const m = message as Partial<PublishMessage> & Record<string, unknown>;
  if (m.method !== 'textDocument/publishDiagnostics' || !m.params || !Array.isArray(m.params.diagnostics)) return undefined;
  const keys = Object.keys(m.params);
  if (keys[keys.length - 1] !== 'diagnostics' || Object.keys(m).at(-1) !== 'params') return undefined;
  return m as PublishMessage;
}

/**
 * The stdio writer: each message leaves in one corked write of its pieces (one `writev` on a
 * pipe), in the order `write` is called. The library's stream writer makes two writes per
 * message (the body waits for the header's callback) behind a lock and a chain of promises; on a
 * pipe each write wakes the reader, and with a large draft a message is written on every keystroke.
 */
export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly stream: Writable) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let pieces: Buffer[];
    try {
      pieces = frameMessage(message);
    } catch (error) {
      this.failed(error, message);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const stream = this.stream;
      stream.cork();
      for (let i = 0; i < pieces.length - 1; i++) stream.write(pieces[i]);
      stream.write(pieces[pieces.length - 1], (error) => {
        if (error) {
          this.failed(error, message);
          reject(error);
        } else resolve();
      });
      stream.uncork();
    });
  }

  end(): void {
    this.stream.end();
  }

  private failed(error: unknown, message: Message): void {
    this.fireError(error, message, ++this.errors);
  }
}
