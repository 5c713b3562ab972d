// The language server as an editor sees it: `node dist/server.js --stdio`, JSON-RPC over pipes,
// started with the environment the extension gives it (SERVER_ENV) unless asked otherwise.
// Measures start-up, keystroke → publishDiagnostics (a simulated typist in the middle of the
// draft, debounce set to 0 so only the server's own work is timed), hover and completion
// latency, and the server's resident memory.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-languageserver-protocol/node';
import { ROOT, now } from './stats.mjs';

// The environment the extension gives the server (out/ is built by `npm run bench`).
const { SERVER_ENV } = createRequire(import.meta.url)(path.join(ROOT, 'out', 'server', 'src', 'protocol.js'));

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = rpc;

/**
 * Starts a server (ours, or `script`); resolves once `initialize` has answered. With `serverEnv`,
 * its environment has SERVER_ENV as the extension's has; without, only the benchmark's own, as an
 * editor that runs `node dist/server.js --stdio` with nothing set.
 */
export async function startServer(settings = {}, { serverEnv = true, script = path.join(ROOT, 'dist', 'server.js') } = {}) {
  const t0 = now();
  const env = { ...process.env, ...(serverEnv ? SERVER_ENV : {}) };
  // BENCH_SERVER_ARGS: Node flags for the server, for experiments (--max-semi-space-size=2, -r a-gc-logger.cjs).
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : []), ...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_SERVER_PROF] : []), script, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  // A reply the server no longer reads (it has exited) must not crash the benchmark.
  child.stdin.on('error', () => undefined);
  // When each chunk of the server's output arrives, taken before the message reader sees it.
  let arrivals = [];
  child.stdout.prependListener('data', (chunk) => arrivals.push({ at: now(), bytes: chunk.length }));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params);
    for (const w of [...waiters]) {
      if (w.uri === params.uri && (w.version === undefined || params.version === w.version)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'policyLexicon' ? { debounceMs: 0, ...settings } : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const root = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'policy-lexicon-bench-'));
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { trusted: true },
  });
  const ready = now() - t0;
  await connection.sendNotification('initialized', {});
  return {
    ready,
    root,
    pid: child.pid,
    connection,
    /** Resolves with the publishDiagnostics of `uri` for `version`. */
    published(uri, version) {
      return new Promise((resolve) => waiters.push({ uri, version, resolve }));
    },
    /** The output chunks since the last call: when each arrived, and its size. */
    arrivals() {
      const out = arrivals;
      arrivals = [];
      return out;
    },
    rssMiB() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
    },
    async stop() {
      await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      connection.sendNotification('exit');
      setTimeout(() => child.kill(), 1000).unref();
      await exited;
      connection.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Line/character of an offset (UTF-16), for a text without CR. */
function positionAt(lineStarts, offset) {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

function starts(text) {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/**
 * Opens `file`, then types `warmup` + `keystrokes` characters into the middle of a paragraph (a
 * word, a space, a word …, deleting it again halfway), waiting for each version's diagnostics.
 * The first `warmup` keystrokes run while V8 is still compiling the incremental paths (on the
 * 100 KB draft the first ~50 take up to 40 ms, the rest about 1 ms); they are returned apart.
 * Returns per-keystroke latencies (ms), hover and completion latencies, the round trip of a hover
 * that finds nothing (`floor`), RSS (once the draft is open, after `idle` seconds at most with it
 * open, and at the end) and start-up.
 */
export async function typist(file, { warmup = 0, keystrokes = 200, requests = 200, idle = 0, serverEnv = true } = {}) {
  const server = await startServer({}, { serverEnv });
  let text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const uri = pathToFileURL(path.join(server.root, path.basename(file))).href;
  let version = 1;
  const t0 = now();
  const first = server.published(uri, version);
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await first;
  const open = now() - t0;
  const rssOpen = server.rssMiB();
  const { rssIdle, idleAfter } = idle > 0 ? await settle(server, rssOpen, idle) : {};

  // The middle of a prose line near the middle of the draft.
  let at = text.indexOf('\n\n', text.length >> 1) + 2;
  while (/^[#>|`\-*\d]/.test(text.slice(at, at + 1))) at = text.indexOf('\n\n', at) + 2;
  at = text.indexOf(' ', at) + 1;
  const typed = 'the ADMM Plus and AMMTC met in Bangkok ';
  // Every keystroke is on one line, at or after `at0`: its position needs only that line's start,
  // and the text is the original with the characters typed so far at `at0`. The typist keeps no
  // copy of the 1 MB text per keystroke, so its own garbage does not land in the timed window.
  const at0 = at;
  const line = starts(text.slice(0, at0)).length - 1;
  const lineStart = text.lastIndexOf('\n', at0 - 1) + 1;
  let buffer = '';
  const position = (offset) => ({ line, character: offset - lineStart });
  const keystroke = [];
  const cold = [];
  // Each timed keystroke in three: until the first byte of the answer arrives (the message there,
  // the server's work, the first write back), until its last byte arrives (the rest of the pipe),
  // and the client's own decoding and parsing of the publishDiagnostics.
  const phases = { server: [], transfer: [], client: [], bytes: 0 };
  for (let k = 0; k < warmup + keystrokes; k++) {
    const deleting = k % 80 >= 40 && buffer.length > 0;
    let change;
    if (!deleting) {
      const ch = typed[k % typed.length];
      change = { range: { start: position(at), end: position(at) }, text: ch };
      buffer += ch;
      at += 1;
    } else {
      change = { range: { start: position(at - 1), end: position(at) }, text: '' };
      buffer = buffer.slice(0, -1);
      at -= 1;
    }
    version++;
    const done = server.published(uri, version);
    server.arrivals();
    const t = now();
    server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    const end = now();
    (k < warmup ? cold : keystroke).push(end - t);
    const chunks = server.arrivals();
    if (k >= warmup && chunks.length > 0) {
      phases.server.push(chunks[0].at - t);
      phases.transfer.push(chunks[chunks.length - 1].at - chunks[0].at);
      phases.client.push(end - chunks[chunks.length - 1].at);
      phases.bytes = chunks.reduce((sum, c) => sum + c.bytes, 0);
    }
  }
  text = text.slice(0, at0) + buffer + text.slice(at0);

  // Hover on acronyms and names all over the draft; completion after a typed prefix.
  const lineStarts = starts(text);
  const targets = [...text.matchAll(/\b(?:AMMTC|ADMM-Plus|ASEAN Regional Forum|TELMIN|UNGGE)\b/g)].map((m) => m.index + 1);
  const hover = [];
  let hoverHits = 0;
  for (let k = 0; k < requests && targets.length; k++) {
    const position = positionAt(lineStarts, targets[(k * 7919) % targets.length]);
    const t = now();
    const result = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    hover.push(now() - t);
    if (result) hoverHits++; // none in front matter or code, by design
  }
  // The floor under those: the same number of hovers where there is no term (the first line of
  // the generated drafts opens their front matter), so the round trip is all that is timed: the
  // pipes, the JSON-RPC layers of both processes and the scheduling of two processes on two cores.
  const empty = { line: 0, character: 0 };
  const floor = [];
  for (let k = 0; k < requests; k++) {
    const t = now();
    const result = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: empty });
    floor.push(now() - t);
    if (result) throw new Error(`bench: the floor's hover found a term at ${JSON.stringify(empty)}`);
  }
  // Completion: the typist writes "ASEAN-J" in the middle and asks.
  const prefix = ' ASEAN-J'; // after a space: the typed text may end inside a word
  const insertAt = at;
  const p = positionAt(lineStarts, insertAt);
  version++;
  server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: p, end: p }, text: prefix }],
  });
  await server.published(uri, version);
  const completion = [];
  let items = 0;
  for (let k = 0; k < requests; k++) {
    const t = now();
    const result = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: p.line, character: p.character + prefix.length } });
    completion.push(now() - t);
    items = (Array.isArray(result) ? result : result?.items ?? []).length;
  }
  const rss = server.rssMiB();
  const ready = server.ready;
  await server.stop();
  return { bytes: Buffer.byteLength(text), open, keystroke, phases, cold, hover, floor, completion, completionItems: items, hoverHits, rssOpen, rssIdle, idleAfter, rss, ready };
}

/**
 * `requests` hovers, one after another, on bench/null-server.cjs: a server on the same library
 * that answers null. Returns the latencies (ms), for the floor under our hover's p99.
 */
export async function nullHovers(requests) {
  const server = await startServer({}, { script: path.join(ROOT, 'bench', 'null-server.cjs') });
  const { connection } = server;
  const params = { textDocument: { uri: 'file:///draft.md' }, position: { line: 0, character: 0 } };
  // Untimed first: V8 compiles the paths of both processes.
  for (let i = 0; i < 200; i++) await connection.sendRequest('textDocument/hover', params);
  const out = [];
  for (let i = 0; i < requests; i++) {
    const t = now();
    await connection.sendRequest('textDocument/hover', params);
    out.push(now() - t);
  }
  await server.stop();
  return out;
}

/** Start to ready: spawn → initialize answered, `runs` times. */
export async function startup(runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer();
    out.push(server.ready);
    await server.stop();
  }
  return out;
}

/**
 * Leaves the server alone with its drafts open until its resident memory falls by a tenth (V8's
 * memory reducer runs a while after allocation stops) or `idle` seconds have passed.
 */
async function settle(server, rssOpen, idle) {
  const t1 = now();
  let rssIdle = rssOpen;
  while (now() - t1 < idle * 1000 && rssIdle > rssOpen * 0.9) {
    await new Promise((r) => setTimeout(r, 500));
    rssIdle = server.rssMiB();
  }
  return { rssIdle, idleAfter: (now() - t1) / 1000 };
}

/**
 * The server's resident memory (MiB) once `file` is open and checked, and after it `settle`s;
 * with `edits`, then after a sentence is written into each of that many paragraphs spread over
 * the draft (one version each, waiting for its diagnostics), right away and after it settles
 * again: what a drafting session leaves behind, not only one place typed over and over.
 */
export async function resident(file, { idle = 60, serverEnv = true, edits = 0 } = {}) {
  const server = await startServer({}, { serverEnv });
  let text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const uri = pathToFileURL(path.join(server.root, path.basename(file))).href;
  const first = server.published(uri, 1);
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await first;
  const rssOpen = server.rssMiB();
  const { rssIdle, idleAfter } = await settle(server, rssOpen, idle);
  let session;
  if (edits > 0) {
    const sentence = 'The ASEAN Regional Forum (ARF) welcomed the interoperability of national CERTs. ';
    for (let e = 0; e < edits; e++) {
      // The start of a prose paragraph at (e + 1) / (edits + 1) of the draft.
      let at = text.indexOf('\n\n', Math.floor((text.length * (e + 1)) / (edits + 1))) + 2;
      while (at > 1 && /^[#>|`\-*\d\n]/.test(text.slice(at, at + 1))) at = text.indexOf('\n\n', at) + 2;
      if (at <= 1) throw new Error(`bench: no prose paragraph after ${e + 1}/${edits + 1} of ${file}`);
      const position = positionAt(starts(text.slice(0, at + 1)), at);
      text = text.slice(0, at) + sentence + text.slice(at);
      const done = server.published(uri, e + 2);
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: e + 2 }, contentChanges: [{ range: { start: position, end: position }, text: sentence }] });
      await done;
    }
    const rssEdited = server.rssMiB();
    const settled = await settle(server, rssEdited, idle);
    session = { edits, rssEdited, rssIdle: settled.rssIdle, idleAfter: settled.idleAfter };
  }
  await server.stop();
  return { rssOpen, rssIdle, idleAfter, session };
}
