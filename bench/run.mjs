// `npm run bench`: engine, LSP and CLI benchmarks on the perf generator's corpus and glossaries,
// the peers (textlint + textlint-rule-terminology, cspell) when `npm run bench:peers` has
// installed them, and docs/benchmarks.md with the tables and two SVG charts.
// Options: see --help.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { convertGlossary } from './convert-glossary.mjs';
import { floorParser, floorPass, floorPattern } from './floor.mjs';
import { nullHovers, resident, startup, typist } from './lsp.mjs';
import { score } from './score.mjs';
import { median, mmm, now, quantile, ROOT } from './stats.mjs';
import { writeReport } from './report.mjs';

const OPTIONS = {
  '--quick': 'small sizes and few runs; prints the report without writing docs/',
  '--no-peers': 'skip textlint and cspell even when they are installed',
  '--no-write': 'print the report without writing docs/benchmarks.md and its charts',
};
const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
  console.log(`usage: node bench/run.mjs [options]   (npm run bench builds first)\n\n${Object.entries(OPTIONS).map(([o, d]) => `  ${o.padEnd(11)} ${d}`).join('\n')}`);
  process.exit(0);
}
// A mistyped option would otherwise run the whole benchmark and overwrite docs/benchmarks.md.
const unknown = [...args].filter((a) => !(a in OPTIONS));
if (unknown.length > 0) {
  console.error(`bench: unknown option ${unknown.join(', ')} (try --help)`);
  process.exit(2);
}
const quick = args.has('--quick');
const cache = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'policy-lexicon');
const peersDir = path.join(cache, 'bench-peers');
const work = path.join(cache, 'bench');
const log = (...a) => console.error('[bench]', ...a);

// 1. The generator, copied out of the (read-only) shared folder and run there.
const perfSource = path.resolve(ROOT, process.env.POLICY_LEXICON_PERF_DIR ?? '../shared/perf');
if (!fs.existsSync(path.join(perfSource, 'gen-corpus.mjs'))) {
  console.error(`bench: the corpus generator is not at ${perfSource} (set POLICY_LEXICON_PERF_DIR)`);
  process.exit(2);
}
const perf = path.join(work, 'perf');
if (!fs.existsSync(path.join(perf, 'out', 'corpus', '10m.truth.json'))) {
  fs.rmSync(perf, { recursive: true, force: true });
  fs.cpSync(perfSource, perf, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', perf]);
  log('generating glossaries and corpora');
  execFileSync(process.execPath, ['gen-glossary.mjs'], { cwd: perf, stdio: 'ignore' });
  execFileSync(process.execPath, ['gen-corpus.mjs'], { cwd: perf, stdio: 'ignore' });
}
const corpus = (size) => path.join(perf, 'out', 'corpus', size);
const SIZES = quick ? ['10k', '100k'] : ['10k', '100k', '1m', '10m'];
// The issue's targets are about 50,000 entries (load ≤ 1 s, a 10 KB check ≤ 2× the 100-entry one); --quick stops at 1,000.
const GLOSSARIES = quick ? [100, 1000] : [100, 1000, 10000, 50000];
const glossaryFile = (n) => {
  const out = path.join(work, `g${n}.lexicon.json`);
  if (!fs.existsSync(out)) fs.writeFileSync(out, JSON.stringify(convertGlossary(JSON.parse(fs.readFileSync(path.join(perf, 'out', 'glossary', String(n), 'glossary.json'), 'utf8')))));
  return out;
};
// The forms the floor's alternation is made of: the 100-entry glossary's.
const floorTerms = path.join(perf, 'out', 'glossary', '100', 'terms.txt');
const bytesOf = (size) => fs.readdirSync(corpus(size)).reduce((sum, f) => sum + fs.statSync(path.join(corpus(size), f)).size, 0);

// The rules the generator does not model (acronyms, spelling, style): off for the CLI and detection runs.
const OFF = ['undefined-acronym', 'repeated-expansion', 'wrong-expansion', 'unknown-acronym', 'spelling-variant', 'inconsistent-form', 'resolution-format', 'unknown-resolution'];
const cliArgs = (n) => ['check', '--no-builtin', '--glossary', glossaryFile(n), ...OFF.flatMap((r) => ['--rule', `${r}=off`]), '--format', 'json'];

/** Wall time and peak RSS of a command, `runs` times. */
// An empty working folder: the CLI discovers *.lexicon.json under its working directory.
const emptyCwd = path.join(work, 'cwd');
fs.mkdirSync(emptyCwd, { recursive: true });

function timeCommand(command, argv, { runs, cwd = emptyCwd, timeoutMs = 600_000, env = process.env }) {
  const wall = [];
  const rss = [];
  let output = '';
  let timedOut = false;
  for (let i = 0; i < runs; i++) {
    const t = now();
    // GNU timeout stops the whole process group: a timeout on /usr/bin/time alone would leave the
    // command running (a textlint left behind took a core for the rest of a run).
    const r = spawnSync('timeout', ['--kill-after=5', `${Math.ceil(timeoutMs / 1000)}s`, '/usr/bin/time', '-f', '%M', command, ...argv], {
      cwd,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      timeout: timeoutMs + 15_000,
    });
    wall.push(now() - t);
    if (r.error || r.signal || r.status === 124 || r.status === 137) timedOut = true;
    const m = /(\d+)\s*$/.exec(r.stderr ?? '');
    if (m) rss.push(Number(m[1]) / 1024);
    output = r.stdout;
    if (timedOut) break;
  }
  return { wall, rss, output, timedOut };
}

const results = { date: new Date().toISOString(), machine: machine(), quick, engine: {}, lsp: {}, cli: {}, detection: {}, floor: {}, peers: {} };

/** bench/probe.mjs's milliseconds, in three fresh processes: how fast the host is right now. */
function hostProbe() {
  const ms = [];
  for (let i = 0; i < 3; i++) ms.push(JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bench', 'probe.mjs')], { encoding: 'utf8' })).ms);
  return ms;
}
results.machine.probe = { start: hostProbe() };
log(`host probe at the start: ${mmm(results.machine.probe.start, 0)} ms`);

function machine() {
  const cpu = os.cpus();
  return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, os: `${os.type()} ${os.release()}`, versions: versions() };
}

/** What was measured: this project (and its commit), its parser, and the peers when installed. */
function versions() {
  const of = (dir, name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined;
  }
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const out = { 'policy-lexicon': commit ? `${own} (${commit})` : own, 'markdown-it': of(ROOT, 'markdown-it') };
  for (const peer of ['textlint', 'textlint-rule-terminology', 'cspell']) out[peer] = of(peersDir, peer);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

// 2. In-process: glossary load + index, and a 10 KB check per glossary size; parse + match floor.
{
  log('engine (in-process)');
  const require = createRequire(import.meta.url);
  const core = require(path.join(ROOT, 'out', 'server', 'src', 'core', 'index.js'));
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const draft10k = fs.readFileSync(path.join(perf, 'out', 'corpus', '10k.all.md'), 'utf8');
  const options = { ...core.DEFAULT_CHECK_OPTIONS, rules: Object.fromEntries(OFF.map((r) => [r, 'off'])) };
  for (const n of GLOSSARIES) {
    const text = fs.readFileSync(glossaryFile(n), 'utf8');
    const load = [];
    const check = [];
    let service;
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      const t = now();
      const loaded = core.loadGlossary(text, glossaryFile(n), `g${n}.lexicon.json`);
      if (!loaded.glossary) throw new Error(`g${n}: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
      service = core.createLexiconService({ glossaries: [loaded.glossary] });
      service.index();
      load.push(now() - t);
    }
    // Untimed checks first: the first glossary size would otherwise be timed while V8 is still
    // compiling the check, and the larger ones after it, which flatters the ratio between them.
    // 20 were too few: the 100-entry check went on getting faster (0.9 → 0.5 ms) after them,
    // and the ratio read 1.6× where warm checks then gave 3.7–5× (docs/decisions.md, Performance).
    const warm = quick ? 5 : 100;
    for (let i = 0; i < warm + (quick ? 10 : 100); i++) {
      const doc = TextDocument.create(`file:///d${i}.md`, 'markdown', 1, draft10k);
      const t = now();
      service.diagnose(doc, options);
      if (i >= warm) check.push(now() - t);
      service.forget(doc.uri);
    }
    results.engine[n] = { load, check };
    log(`  ${n} entries: load ${mmm(load)} ms, check 10 KB ${mmm(check, 2)} ms`);
  }
  // The floor: markdown-it block+inline parse and one RegExp alternation pass over the 10 MB corpus.
  const big = fs.readFileSync(path.join(perf, 'out', 'corpus', `${SIZES.at(-1)}.all.md`), 'utf8');
  const md = floorParser();
  const pattern = floorPattern(floorTerms);
  // One untimed pass first (V8 compiles markdown-it during it), then five: with three timed
  // passes and no warm-up, the median moved by a quarter between runs (296 and 368 ms).
  const floor = [];
  for (let i = 0; i < (quick ? 3 : 6); i++) {
    const t = now();
    floorPass(md, pattern, big);
    if (i > 0) floor.push(now() - t);
  }
  results.floor = { size: SIZES.at(-1), bytes: Buffer.byteLength(big), ms: floor };
  log(`  floor (markdown-it + RegExp) on ${SIZES.at(-1)}: ${mmm(floor)} ms`);
}

// 3. The language server over stdio.
{
  log('LSP (stdio)');
  results.lsp.startup = await startup(quick ? 3 : 10);
  for (const size of SIZES.filter((s) => s === '100k' || s === '1m')) {
    const r = await typist(path.join(perf, 'out', 'corpus', `${size}.all.md`), { warmup: quick ? 20 : 100, keystrokes: quick ? 60 : 300, requests: quick ? 50 : 1000, idle: size === '1m' && !quick ? 60 : 0 });
    results.lsp[size] = r;
    log(`  ${size}: keystroke p50 ${quantile(r.keystroke, 0.5).toFixed(2)} p95 ${quantile(r.keystroke, 0.95).toFixed(2)} ms (first ${r.cold.length}: p50 ${quantile(r.cold, 0.5).toFixed(2)} p95 ${quantile(r.cold, 0.95).toFixed(2)}); hover p99 ${quantile(r.hover, 0.99).toFixed(2)} (round trip without a term: p99 ${quantile(r.floor, 0.99).toFixed(2)}); completion p99 ${quantile(r.completion, 0.99).toFixed(2)}; RSS ${r.rssOpen.toFixed(0)} MiB open${r.rssIdle ? `, ${r.rssIdle.toFixed(0)} after ${r.idleAfter.toFixed(0)} s idle` : ''}, ${r.rss.toFixed(0)} at the end`);
  }
  // A draft over the interactive limit (core/size.ts): checked on the background thread, which
  // builds each version's check on the last one's analysis, and answers hover and completion from it.
  if (SIZES.includes('10m')) {
    const r = await typist(path.join(perf, 'out', 'corpus', '10m.all.md'), { warmup: 10, keystrokes: 60, requests: quick ? 20 : 200 });
    results.lsp['10m'] = r;
    log(`  10m (background thread): open ${r.open.toFixed(0)} ms, keystroke p50 ${quantile(r.keystroke, 0.5).toFixed(1)} p95 ${quantile(r.keystroke, 0.95).toFixed(1)} ms; hover p99 ${quantile(r.hover, 0.99).toFixed(2)}, completion p99 ${quantile(r.completion, 0.99).toFixed(2)} ms; RSS ${r.rssOpen.toFixed(0)} MiB open, ${r.rss.toFixed(0)} at the end`);
  }
  // The floor under a hover on a server built on the library ours uses: that library answering null.
  results.lsp.nullHover = await nullHovers(quick ? 50 : 1000);
  log(`  a server that answers every hover with null: p50 ${quantile(results.lsp.nullHover, 0.5).toFixed(2)} p99 ${quantile(results.lsp.nullHover, 0.99).toFixed(2)} ms`);
  // The same server started with nothing in its environment, as `node dist/server.js --stdio`.
  if (!quick) {
    results.lsp.bare = await resident(path.join(perf, 'out', 'corpus', '1m.all.md'), { idle: 60, serverEnv: false });
    log(`  1m without the server environment: RSS ${results.lsp.bare.rssOpen.toFixed(0)} MiB open, ${results.lsp.bare.rssIdle.toFixed(0)} after ${results.lsp.bare.idleAfter.toFixed(0)} s idle`);
  }
  // A drafting session: a sentence written into each of 50 paragraphs all over the 1 MB draft.
  const session = (await resident(path.join(perf, 'out', 'corpus', quick ? '100k.all.md' : '1m.all.md'), { idle: quick ? 5 : 60, edits: quick ? 10 : 50 })).session;
  results.lsp.session = { ...session, draft: quick ? '100k' : '1m' };
  log(`  ${results.lsp.session.draft}, ${session.edits} paragraphs edited: RSS ${session.rssEdited.toFixed(0)} MiB right after, ${session.rssIdle.toFixed(0)} after ${session.idleAfter.toFixed(0)} s idle`);
}

// 4. The CLI, and detection, on each corpus size with the 100-entry glossary.
{
  log('CLI');
  for (const size of SIZES) {
    const runs = quick ? 2 : size === '10m' ? 5 : 10;
    const r = timeCommand(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...cliArgs(100), corpus(size)], { runs });
    const report = JSON.parse(r.output);
    results.cli[size] = { bytes: bytesOf(size), wall: r.wall, rss: r.rss };
    results.detection[size] = score(JSON.parse(fs.readFileSync(path.join(perf, 'out', 'corpus', `${size}.truth.json`), 'utf8')), report);
    log(`  ${size}: ${mmm(r.wall, 0)} ms, found ${results.detection[size].found}/${results.detection[size].seeded}, false positives ${results.detection[size].falsePositives}`);
  }
  // The job textlint-rule-terminology does, and no more: listed wrong forms only. near-miss
  // (unlisted near misses, which the generator seeds none of) is off too; its cost is the difference.
  {
    const size = SIZES.at(-1);
    const r = timeCommand(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...cliArgs(100), '--rule', 'near-miss=off', corpus(size)], { runs: quick ? 2 : 5 });
    const found = score(JSON.parse(fs.readFileSync(path.join(perf, 'out', 'corpus', `${size}.truth.json`), 'utf8')), JSON.parse(r.output));
    results.cli.listedOnly = { size, wall: r.wall, rss: r.rss, found: found.found, seeded: found.seeded, falsePositives: found.falsePositives };
    log(`  ${size} with near-miss off too: ${mmm(r.wall, 0)} ms, found ${found.found}/${found.seeded}`);
  }
  // Node reads the certificate bundle NODE_EXTRA_CA_CERTS names at every start (this machine sets
  // it: ~40 ms of a run; docs/decisions.md). The same run without it, beside the targets.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const size = SIZES.at(-1);
    const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
    const r = timeCommand(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...cliArgs(100), corpus(size)], { runs: quick ? 2 : 5, env });
    results.cli.noExtraCerts = { size, wall: r.wall, rss: r.rss };
    log(`  ${size} without NODE_EXTRA_CA_CERTS: ${mmm(r.wall, 0)} ms`);
  }
  // The floor's work as a process started as the CLI is: read each draft of the largest corpus,
  // parse it with markdown-it, one alternation pass. What start-up and a cold JIT add to the floor.
  {
    const size = SIZES.at(-1);
    const r = timeCommand(process.execPath, [path.join(ROOT, 'bench', 'floor.mjs'), floorTerms, corpus(size)], { runs: quick ? 2 : 5 });
    results.cli.floorProcess = { size, wall: r.wall, rss: r.rss };
    log(`  ${size}, the floor's work as a process: ${mmm(r.wall, 0)} ms`);
  }
  // Glossary scaling through the CLI: the 10 KB draft with 100 … 50,000 entries.
  results.cli.glossaries = {};
  for (const n of GLOSSARIES) {
    const r = timeCommand(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...cliArgs(n), corpus('10k')], { runs: quick ? 2 : 5 });
    results.cli.glossaries[n] = { wall: r.wall, rss: r.rss };
    log(`  10k with ${n} entries: ${mmm(r.wall, 0)} ms`);
  }
}

// 5. The peers, in the same run, when installed.
const textlint = path.join(peersDir, 'node_modules', '.bin', 'textlint');
const cspell = path.join(peersDir, 'node_modules', '.bin', 'cspell');
if (!args.has('--no-peers') && fs.existsSync(textlint)) {
  log('peers');
  results.peers.textlint = { sizes: {}, glossaries: {} };
  for (const size of SIZES) {
    const runs = quick ? 1 : size === '10m' ? 3 : 5;
    const r = timeCommand(textlint, ['--config', path.join(perf, 'out', 'glossary', '100', 'textlintrc.json'), '--format', 'json', `${corpus(size)}/*.md`], { runs, cwd: peersDir });
    results.peers.textlint.sizes[size] = { wall: r.wall, rss: r.rss };
    log(`  textlint ${size}: ${mmm(r.wall, 0)} ms`);
  }
  for (const n of GLOSSARIES) {
    // textlint-rule-terminology did not finish at 50,000 entries in 6 minutes (shared/perf/results.md): one bounded run.
    const big = n >= 50000;
    const r = timeCommand(textlint, ['--config', path.join(perf, 'out', 'glossary', String(n), 'textlintrc.json'), '--format', 'json', `${corpus('10k')}/*.md`], { runs: big || n >= 10000 || quick ? 1 : 3, cwd: peersDir, timeoutMs: big ? 120_000 : 600_000 });
    results.peers.textlint.glossaries[n] = { wall: r.wall, rss: r.rss, timedOut: r.timedOut };
    log(`  textlint 10k with ${n} entries: ${r.timedOut ? `> ${(r.wall[0] / 1000).toFixed(0)} s (stopped)` : `${mmm(r.wall, 0)} ms`}`);
  }
  if (fs.existsSync(cspell)) {
    results.peers.cspell = { sizes: {} };
    for (const size of SIZES) {
      // cspell matches globs against its working folder: an absolute glob checks no file at all.
      const r = timeCommand(cspell, ['--no-progress', '--no-summary', '--config', path.join(perf, 'out', 'glossary', '100', 'cspell.json'), '*.md'], { runs: quick ? 1 : 3, cwd: corpus(size) });
      results.peers.cspell.sizes[size] = { wall: r.wall, rss: r.rss };
      log(`  cspell ${size}: ${mmm(r.wall, 0)} ms`);
    }
  }
} else {
  log('peers not installed (npm run bench:peers); skipping the comparison');
}

results.machine.probe.end = hostProbe();
log(`host probe at the end: ${mmm(results.machine.probe.end, 0)} ms`);

fs.mkdirSync(path.join(work, 'results'), { recursive: true });
const rawFile = path.join(work, 'results', `${results.date.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(rawFile, JSON.stringify(results));
log(`raw results: ${rawFile}`);
const summary = writeReport(results, { write: !args.has('--no-write') && !quick });
console.log(summary);
