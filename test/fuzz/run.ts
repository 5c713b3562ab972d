import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ROOT } from '../helpers/fixtures';
import * as path from 'node:path';
import { spawnServer } from '../helpers/lspClient';
import { ALL_RULES, assertSound, FUZZ_GLOSSARIES, load, strictService } from './checks';
import { applyTextEdit, draftArbitrary, editArbitrary, longDraftArbitrary, resolveEdit, type RelativeEdit } from './drafts';
import { ATTACKS, glossaryFileArbitrary } from './glossaries';

/**
 * The long fuzz run (`npm run fuzz`): the properties of the unit tests at scale, plus the time
 * and memory they take. Phases:
 *   edits       random drafts and random edits; after every edit the incremental findings must
 *               equal a fresh analysis of the same text, inside the document (default 10^6 edits)
 *   glossaries  random and broken YAML, JSON and TBX files and the hand-made attacks: a
 *               positioned error or a valid glossary, never a throw (default 10^4 files)
 *   flood       the bundled server over stdio: a flood of didChange notifications, the server's
 *               memory sampled after each of four rounds (default 4 × 10^5 changes)
 *   oversized   the bundled server: a draft of N MB on one line (default 10) opened beside a small
 *               one; hovers on the small one while the big one is checked, the server's memory
 * Options: --edits N --glossaries N --flood N --oversized MB --seed S [--path P, to replay one failing batch].
 * A failure prints the batch's seed and fast-check's path and exits with 1.
 */

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const number = (name: string, fallback: number) => (args.has(name) ? Number(args.get(name)) : fallback);
const TARGET_EDITS = number('edits', 1_000_000);
const TARGET_GLOSSARIES = number('glossaries', 10_000);
const FLOOD = number('flood', 400_000);
const OVERSIZED_MB = number('oversized', 10);
const BASE_SEED = number('seed', Date.now() % 0x7fffffff);
const PATH = args.get('path');

const GLOSSARIES = FUZZ_GLOSSARIES;

interface Timing {
  count: number;
  total: number;
  max: number;
}
const timing = (): Timing => ({ count: 0, total: 0, max: 0 });
const time = <T>(t: Timing, run: () => T): T => {
  const start = process.hrtime.bigint();
  const result = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  t.count++;
  t.total += ms;
  t.max = Math.max(t.max, ms);
  return result;
};
const mib = (bytes: number) => Math.round(bytes / 1048576);
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** Runs fast-check batches of `perBatch` cases until `done()`; each batch has its own seed, printed on failure. */
function batches<T>(phase: string, property: fc.IProperty<T>, perBatch: number, done: () => boolean): number {
  let batch = 0;
  for (; !done(); batch++) {
    const seed = (BASE_SEED + batch) % 0x7fffffff;
    try {
      fc.assert(property, { seed, numRuns: PATH ? 1 : perBatch, path: PATH, endOnFailure: !!PATH });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      console.error(`\n${phase}: a property failed in batch ${batch}.\n${(error as Error).message}${cause ? `\n\nCause: ${(cause as Error).stack ?? String(cause)}` : ''}`);
      console.error(`\nReplay: node out/test/fuzz/run.js --${phase} 1 --${phase === 'edits' ? 'glossaries' : 'edits'} 0 --flood 0 --seed ${seed} --path <the path printed above>`);
      process.exit(1);
    }
    sampleRss();
    if (PATH) break;
  }
  return batch;
}

function editsPhase() {
  const live = strictService();
  const scratch = strictService();
  const incremental = timing();
  const fresh = timing();
  let edits = 0;
  let drafts = 0;
  let characters = 0;
  let uris = 0;
  const property = fc.property(
    fc.oneof(draftArbitrary(GLOSSARIES), longDraftArbitrary(GLOSSARIES)),
    fc.array(editArbitrary(GLOSSARIES), { minLength: 1, maxLength: 40 }),
    (initial: string, relatives: RelativeEdit[]) => {
      const uri = `file:///fuzz/${++uris}.md`;
      const doc = TextDocument.create(uri, 'markdown', 1, initial);
      let text = initial;
      live.diagnose(doc, ALL_RULES);
      try {
        for (const relative of relatives) {
          const edit = resolveEdit(text, relative);
          text = applyTextEdit(text, edit);
          TextDocument.update(doc, [{ range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) }, text: edit.text }], doc.version + 1);
          assert.equal(doc.getText(), text, 'the document after an incremental change is not the edited text');
          const found = time(incremental, () => live.diagnose(doc, ALL_RULES));
          const expected = time(fresh, () => scratch.diagnose(TextDocument.create(`${uri}.fresh`, 'markdown', 1, text), ALL_RULES));
          scratch.forget(`${uri}.fresh`);
          assert.deepEqual(found, expected, 'incremental findings differ from a fresh analysis');
          for (const f of found) {
            assert.ok(0 <= f.start && f.start <= f.end && f.end <= text.length, `${f.rule} [${f.start}, ${f.end}) outside the document`);
            assert.deepEqual([f.range.start, f.range.end], [doc.positionAt(f.start), doc.positionAt(f.end)], `${f.rule}: range and offsets disagree`);
            for (const e of f.fix?.edits ?? []) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${f.rule}: fix outside the document`);
          }
          edits++;
          characters += text.length;
        }
      } finally {
        live.forget(uri);
      }
      drafts++;
    },
  );
  const started = Date.now();
  batches('edits', property, 200, () => edits >= TARGET_EDITS);
  return { edits, drafts, meanLength: Math.round(characters / Math.max(1, edits)), seconds: (Date.now() - started) / 1000, incremental, fresh };
}

function glossariesPhase() {
  const loads = timing();
  const byFormat = new Map<string, { files: number; accepted: number; refused: number; maxLength: number }>();
  let files = 0;
  const property = fc.property(glossaryFileArbitrary, ({ format, text }) => {
    const result = time(loads, () => load(format, text));
    assertSound(format, text, result);
    const row = byFormat.get(format) ?? { files: 0, accepted: 0, refused: 0, maxLength: 0 };
    row.files++;
    if (result.glossary) row.accepted++;
    else row.refused++;
    row.maxLength = Math.max(row.maxLength, text.length);
    byFormat.set(format, row);
    files++;
  });
  const started = Date.now();
  batches('glossaries', property, 1000, () => files >= TARGET_GLOSSARIES);
  const attacks = ATTACKS.map((attack) => {
    const text = attack.text();
    const t = timing();
    const result = time(t, () => load(attack.format, text));
    assertSound(attack.format, text, result);
    sampleRss();
    return { name: attack.name, length: text.length, ms: t.max, verdict: result.glossary ? `accepted, ${result.problems.length} problems` : `refused: ${result.problems[0]?.message}` };
  });
  return { files, seconds: (Date.now() - started) / 1000, loads, byFormat: Object.fromEntries(byFormat), attacks };
}

/** The server's resident memory, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function floodPhase() {
  const server = spawnServer();
  const uri = 'file:///fuzz/flood.md';
  const published: PublishDiagnosticsParams[] = [];
  server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  server.connection.onRequest('client/registerCapability', () => null);
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await server.connection.sendNotification('initialized', {});
  const text = readFileSync(path.join(ROOT, 'examples', 'draft-with-typical-mistakes.md'), 'utf8').repeat(20);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const waitFor = async (version: number) => {
    while (!published.some((p) => p.uri === uri && p.version === version)) await new Promise((r) => setTimeout(r, 10));
  };
  await waitFor(1);
  const before = rssOf(server.process.pid!);
  // Four rounds, each a burst of changes as fast as the pipe takes them and then a wait for the
  // diagnostics of its last version: the server's memory at the end of each round must level off.
  const rounds: number[] = [];
  const started = Date.now();
  const lines = text.split('\n').length;
  const perRound = Math.ceil(FLOOD / 4);
  for (let version = 2; version <= FLOOD + 1; version++) {
    // Typing and deleting at a scattered line, as a client replaying a fast typist would.
    const line = (version * 7919) % lines;
    const change = version % 2 ? { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' } : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' };
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if ((version - 1) % perRound === 0 || version === FLOOD + 1) {
      await waitFor(version);
      rounds.push(mib(rssOf(server.process.pid!)));
    }
  }
  await waitFor(FLOOD + 1);
  const seconds = (Date.now() - started) / 1000;
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  const after = rssOf(server.process.pid!);
  await server.stop();
  return { changes: FLOOD, draftLength: text.length, seconds, published: published.filter((p) => p.uri === uri).length, rssBefore: mib(before), rssAfterEachRound: rounds, rssAfter: mib(after), stillAnswers: hover !== undefined };
}

async function oversizedPhase() {
  const server = spawnServer();
  const published: Array<{ params: PublishDiagnosticsParams; at: number }> = [];
  server.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push({ params, at: Date.now() });
  });
  server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  server.connection.onRequest('client/registerCapability', () => null);
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await server.connection.sendNotification('initialized', {});
  const small = 'file:///fuzz/small.md';
  const big = 'file:///fuzz/one-line.md';
  const arrived = async (uri: string) => {
    while (!published.some((p) => p.params.uri === uri)) await new Promise((r) => setTimeout(r, 10));
    return published.find((p) => p.params.uri === uri)!;
  };
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'markdown', version: 1, text: 'The AMMTC met.\n' } });
  await arrived(small);
  // The example draft's prose, comments dropped (one at the start would make the whole line an HTML block).
  const sentence = readFileSync(path.join(ROOT, 'examples', 'draft-with-typical-mistakes.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, ' ');
  const text = sentence.repeat(Math.ceil((OVERSIZED_MB * 1048576) / sentence.length)).slice(0, OVERSIZED_MB * 1048576);
  const started = Date.now();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'markdown', version: 1, text } });
  const hovers: number[] = [];
  let peak = 0;
  while (!published.some((p) => p.params.uri === big)) {
    const t = process.hrtime.bigint();
    await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 5 } });
    hovers.push(Number(process.hrtime.bigint() - t) / 1e6);
    peak = Math.max(peak, rssOf(server.process.pid!));
    await new Promise((r) => setTimeout(r, 50));
  }
  const done = await arrived(big);
  await server.stop();
  hovers.sort((a, b) => a - b);
  return {
    characters: text.length,
    secondsToDiagnostics: (done.at - started) / 1000,
    diagnostics: done.params.diagnostics.length,
    hovers: hovers.length,
    hoverMedianMs: hovers[hovers.length >> 1],
    hoverMaxMs: hovers[hovers.length - 1],
    peakRssMiB: mib(peak),
  };
}

async function main() {
  console.log(`fuzz: seed ${BASE_SEED}, ${TARGET_EDITS} edits, ${TARGET_GLOSSARIES} glossaries, ${FLOOD} changes in the flood, a ${OVERSIZED_MB} MB one-line draft`);
  const report: Record<string, unknown> = { seed: BASE_SEED, node: process.version, date: new Date().toISOString() };
  if (TARGET_GLOSSARIES > 0) {
    report.glossaries = glossariesPhase();
    console.log(JSON.stringify(report.glossaries, null, 1));
  }
  if (TARGET_EDITS > 0) {
    report.edits = editsPhase();
    console.log(JSON.stringify(report.edits, null, 1));
  }
  sampleRss();
  report.peakRssMiB = mib(peakRss);
  if (FLOOD > 0) {
    report.flood = await floodPhase();
    console.log(JSON.stringify(report.flood, null, 1));
  }
  if (OVERSIZED_MB > 0) {
    report.oversized = await oversizedPhase();
    console.log(JSON.stringify(report.oversized, null, 1));
  }
  if (args.has('out')) writeFileSync(args.get('out')!, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`fuzz: passed (peak RSS of the fuzzing process ${mib(peakRss)} MiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
