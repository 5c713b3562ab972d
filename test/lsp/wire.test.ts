import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { Writable } from 'node:stream';
import { StreamMessageWriter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PublishedDiagnostics, toDiagnostic } from '../../server/src/lsp/convert';
import { FRAME_PIECE, frameMessage, StdioMessageWriter } from '../../server/src/lsp/wire';
import { ALL_RULES, FUZZ_GLOSSARIES, strictService } from '../fuzz/checks';
import { applyTextEdit, draftArbitrary, editArbitrary, resolveEdit } from '../fuzz/drafts';
import { checkProperty, propertyTimeout } from '../helpers/property';

const RULES_DOC = 'file:///ext/docs/rules.md';

/** Text that JSON must escape or encode in more than one byte. */
const tricky = fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '\n', '\t', '\u0001', '\u2028', 'é', '中', '😀', '\uD800', '\uDC00', '/'), maxLength: 12 });

const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    range: fc.record({
      start: fc.record({ line: fc.nat(), character: fc.nat() }),
      end: fc.record({ line: fc.nat(), character: fc.nat() }),
    }),
    severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    code: tricky,
    source: fc.constant('policy-lexicon'),
    message: tricky,
    relatedInformation: fc.array(fc.record({ location: fc.record({ uri: tricky, range: fc.constant({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) }), message: tricky }), { maxLength: 2 }),
  },
  { requiredKeys: ['range', 'message'] },
);

/**
 * The JSON body of a framed message, after checking that its header states the body's length in
 * bytes and that no piece is larger than FRAME_PIECE unless it is a single part longer than that.
 */
function bodyOf(message: object, largestPart = 0): string {
  const pieces = frameMessage(message as Parameters<typeof frameMessage>[0]);
  for (const piece of pieces) assert.ok(piece.length <= Math.max(FRAME_PIECE, largestPart), `a piece of ${piece.length} bytes`);
  const frame = Buffer.concat(pieces);
  const split = frame.indexOf('\r\n\r\n');
  const body = frame.subarray(split + 4);
  assert.equal(frame.subarray(0, split).toString('ascii'), `Content-Length: ${body.length}`);
  return body.toString('utf-8');
}

suite('the stdio encoder (lsp/wire.ts)', () => {
  test('writes the bytes JSON.stringify writes, for diagnostics and every other message', () => {
    checkProperty(
      fc.property(fc.array(diagnostic, { maxLength: 6 }), tricky, fc.option(fc.integer(), { nil: undefined }), (diagnostics, uri, version) => {
        const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } };
        // Twice: the second time the diagnostics' bytes come from the cache.
        for (let i = 0; i < 2; i++) assert.equal(bodyOf(publish), JSON.stringify(publish));
        const reordered = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics, uri } };
        assert.equal(bodyOf(reordered), JSON.stringify(reordered));
        const request = { jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: { uri } };
        assert.equal(bodyOf(request), JSON.stringify(request));
      }),
      300,
    );
  });

  test('a large message is framed in pieces of at most FRAME_PIECE bytes, a longer single diagnostic in one of its own', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
    const many = Array.from({ length: 3000 }, (_, i) => ({ range, message: `finding ${i} é 😀`, source: 'policy-lexicon' }));
    const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 2, diagnostics: many } };
    assert.ok(frameMessage(publish as never).length > 2);
    assert.equal(bodyOf(publish), JSON.stringify(publish));
    const long = { range, message: 'x'.repeat(3 * FRAME_PIECE) };
    const mixed = { ...publish, params: { ...publish.params, diagnostics: [...many.slice(0, 100), long, ...many.slice(100, 200)] } };
    assert.equal(bodyOf(mixed, JSON.stringify(long).length), JSON.stringify(mixed));
    // The long diagnostic's piece is its kept bytes, not a copy: the same buffer in every frame.
    const longPiece = (pieces: Buffer[]) => pieces.find((p) => p.length === Buffer.byteLength(JSON.stringify(long)));
    const first = longPiece(frameMessage(mixed as never));
    assert.ok(first);
    assert.equal(longPiece(frameMessage(mixed as never)), first);
  });

  test('the writer frames each message as the library writer does, in order, one write per message', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } };
    const large = Array.from({ length: 3000 }, (_, i) => ({ range, message: `finding ${i}` }));
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///b.md', version: 1, diagnostics: large } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 3, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, message: 'é 😀 "x"' }] } },
      { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'plaintext', value: '中' } } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: '' } },
    ];
    const ours = new Collector();
    const writer = new StdioMessageWriter(ours);
    for (const message of messages) void writer.write(message as never);
    await writer.write({ jsonrpc: '2.0', method: 'exit' } as never);
    const theirs = new Collector();
    const library = new StreamMessageWriter(theirs);
    for (const message of messages) await library.write(message as never);
    await library.write({ jsonrpc: '2.0', method: 'exit' } as never);
    assert.equal(Buffer.concat(ours.chunks).toString('utf-8'), Buffer.concat(theirs.chunks).toString('utf-8'));
    assert.equal(ours.chunks.length, messages.length + 1);
    assert.equal(theirs.chunks.length, 2 * (messages.length + 1));
  });

  test('the writer reports a failed write and rejects it', async () => {
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error('pipe closed')) });
    failing.on('error', () => undefined);
    const writer = new StdioMessageWriter(failing);
    const errors: unknown[] = [];
    writer.onError(([error, , count]) => errors.push([String(error), count]));
    await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'exit' } as never), /pipe closed/);
    assert.deepEqual(errors[0], ['Error: pipe closed', 1]);
  });
});

/** A stream that keeps every chunk written to it; chunks written together (corked, as a socket's writev) are kept as one. */
class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  override _writev(chunks: Array<{ chunk: Buffer }>, callback: () => void): void {
    this.chunks.push(Buffer.concat(chunks.map((c) => c.chunk)));
    callback();
  }
}


suite('published diagnostics (lsp/convert.ts)', function () {
  this.timeout(propertyTimeout(60_000));

  test('equal a fresh conversion after every edit, and keep the objects of unchanged findings', () => {
    checkProperty(
      fc.property(draftArbitrary(FUZZ_GLOSSARIES), fc.array(editArbitrary(FUZZ_GLOSSARIES), { minLength: 1, maxLength: 4 }), (draft, edits) => {
        const service = strictService();
        const uri = 'file:///draft.md';
        const published = new PublishedDiagnostics(uri, RULES_DOC);
        let text = draft;
        let previous: Diagnostic[] = [];
        for (let v = 0; v <= edits.length; v++) {
          if (v > 0) text = applyTextEdit(text, resolveEdit(text, edits[v - 1]));
          const findings = service.diagnose(TextDocument.create(uri, 'markdown', v + 1, text), ALL_RULES);
          const fresh = findings.map((f) => toDiagnostic(f, uri, RULES_DOC));
          const reused = published.convert(findings);
          assert.deepEqual(reused, fresh);
          // A diagnostic equal to one published before is that very object.
          const old = new Map(previous.map((d) => [JSON.stringify(d), d]));
          for (const d of reused) {
            const same = old.get(JSON.stringify(d));
            if (same) assert.equal(d, same, `not reused: ${JSON.stringify(d)}`);
          }
          previous = reused;
        }
      }),
      60,
    );
  });

  test('reuses a finding the edits did not move, and not one they moved', () => {
    const uri = 'file:///draft.md';
    const service = strictService();
    const published = new PublishedDiagnostics(uri, RULES_DOC);
    const text = 'We met on information communications technology.\n\nAgain on information communications technology.\n';
    const first = published.convert(service.diagnose(TextDocument.create(uri, 'markdown', 1, text), ALL_RULES));
    assert.equal(first.length, 2);
    const second = published.convert(service.diagnose(TextDocument.create(uri, 'markdown', 2, text.replace('We met', 'We  met')), ALL_RULES));
    assert.equal(second.length, 2);
    assert.notEqual(second[0], first[0], 'the first finding moved: a new diagnostic');
    assert.equal(second[1], first[1], 'the second finding is unchanged: the same object');
  });
});
