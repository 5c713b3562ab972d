import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, createLexiconService, unpackPrepared, RULE_IDS, SEVERITIES, type CheckOptions, type DocumentTerm, type Finding, type Glossary, type LexiconService, type MatcherForm, type Severity } from './core';
import { loadBuiltinGlossary } from './builtin';
import { readProjectConfig } from './config';
import { excludeMatcher, GLOSSARY_FILE, loadGlossaryFile, walkFiles } from './glossaryFiles';
import { readDraft, type Draft } from './draftFiles';
import { AHEAD, runPreparer, type FromPreparer } from './cliPrepare';
import { cliWorkerData, type CliWorkerData } from './cliThreads';
import { checkOptions, parseSettings, type Settings } from './lsp/settings';
import type { Diagnostic } from 'vscode-languageserver-types';
import { toDiagnostic } from './lsp/convert';
import { InOrder } from './inOrder';
import { displayPath, displayPaths } from './displayPath';
import { findRulesDoc } from './rulesDoc';
import { formatJson, formatSarif, formatStylishFile, formatStylishSummary, unifiedDiff, type FileReport } from './cliOutput';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

const USAGE = `Usage: policy-lexicon <command> [options] <files, folders or globs...>

Commands:
  check     Check drafts against the glossaries; exit 1 when there are findings
  terms     List the glossary entries each draft mentions, as Markdown
            (acronym — full name — kind — count), ready to paste as a list of abbreviations

Options for check:
  --format <stylish|json|sarif>   Output format (default: stylish)
  --fix                           Apply every available fix and write the changed files
  --fix-dry-run                   Print the fixes as a unified diff; write nothing
  --max-severity <severity>       Exit 1 for findings at or above it (default: warning)
  --rule <id>=<severity>          Override a rule's severity (off, hint, information, warning, error)
  --spelling <un|en-GB|en-US|off> House spelling (default: un)

Options for check and terms:
  --glossary <file>               Add a glossary file (YAML or JSON); may be repeated
  --no-builtin                    Do not load the built-in glossary
  --no-color                      No colours, even on a terminal
  -h, --help                      Show this help
  -v, --version                   Show the version

Configuration: .policy-lexicon.json in the working directory, then the policyLexicon.*
keys of .vscode/settings.json, as the editor reads them. Glossary files named *.lexicon.yaml,
*.lexicon.yml or *.lexicon.json under the working directory are loaded too.
Rules: docs/rules.md. Exit codes: 0 no findings at or above --max-severity, 1 findings,
2 usage or configuration error.
Environment: POLICY_LEXICON_THREADS=<n> checks drafts on n threads (default: one per CPU
core, for inputs large enough to pay for starting them; 1 checks on the main thread only;
2 reads and parses on one and checks on the other).`;

class UsageError extends Error {}

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly isTty: boolean;
  readonly cwd: string;
}

interface Args {
  /** The arguments as given, for the worker threads to read the same configuration. */
  argv: readonly string[];
  command: 'check' | 'terms';
  format: 'stylish' | 'json' | 'sarif';
  fix: boolean;
  fixDryRun: boolean;
  maxSeverity: Exclude<Severity, 'off'>;
  rules: Record<string, Severity>;
  spelling: string | undefined;
  glossaries: string[];
  builtin: boolean | undefined;
  color: boolean;
  inputs: string[];
}

function parseArgs(argv: readonly string[]): Args | 'help' | 'version' {
  const args: Args = {
    argv: [...argv],
    command: 'check', format: 'stylish', fix: false, fixDryRun: false, maxSeverity: 'warning', rules: {},
    spelling: undefined, glossaries: [], builtin: undefined, color: true, inputs: [],
  };
  const rest = [...argv];
  if (rest.some((a) => a === '-h' || a === '--help')) return 'help';
  if (rest.some((a) => a === '-v' || a === '--version')) return 'version';
  const command = rest.shift();
  if (command !== 'check' && command !== 'terms') throw new UsageError(command ? `unknown command '${command}'` : 'name a command');
  args.command = command;
  const value = (flag: string) => {
    const v = rest.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (rest.length) {
    const arg = rest.shift()!;
    if (arg === '--') {
      args.inputs.push(...rest.splice(0));
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--rule=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (name: string) => inline ?? value(name);
    switch (flag) {
      case '--format': {
        const f = take('--format');
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be stylish, json or sarif, not '${f}'`);
        args.format = f;
        break;
      }
      case '--fix':
        args.fix = true;
        break;
      case '--fix-dry-run':
        args.fixDryRun = true;
        break;
      case '--max-severity': {
        const s = take('--max-severity');
        if (!(SEVERITIES as readonly string[]).includes(s) || s === 'off') throw new UsageError(`--max-severity must be error, warning, information or hint, not '${s}'`);
        args.maxSeverity = s as Exclude<Severity, 'off'>;
        break;
      }
      case '--rule':
      case '--rule=': {
        const spec = arg.startsWith('--rule=') ? arg.slice('--rule='.length) : value('--rule');
        const [id, severity] = spec.split('=');
        if (!RULE_IDS.includes(id)) throw new UsageError(`--rule: unknown rule '${id}' (known: ${RULE_IDS.join(', ')})`);
        if (!(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITIES.join(', ')}`);
        args.rules[id] = severity as Severity;
        break;
      }
      case '--spelling':
        args.spelling = take('--spelling');
        break;
      case '--glossary':
        args.glossaries.push(take('--glossary'));
        break;
      case '--no-builtin':
        args.builtin = false;
        break;
      case '--no-color':
      case '--no-colour':
        args.color = false;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        args.inputs.push(arg);
    }
  }
  if (args.fix && args.fixDryRun) throw new UsageError('use --fix or --fix-dry-run, not both');
  if (args.command === 'terms' && (args.fix || args.fixDryRun)) throw new UsageError('terms does not fix anything');
  if (args.inputs.length === 0) throw new UsageError('name at least one file, folder or glob');
  return args;
}

/**
 * Runs the CLI; returns the exit code (a promise of it when drafts are checked on worker
 * threads). 0: nothing at or above --max-severity; 1: findings; 2: usage or configuration error.
 */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  let args: Args;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (parsed === 'version') {
      io.out(`${VERSION}\n`);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`policy-lexicon: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }

  // What the service logs goes through `logs`, so that a draft checked on this thread beside
  // worker threads can hold its messages back until its result's turn (see checkInWorkers).
  const logs = { to: io.err };
  const setup = configure(args, { ...io, err: (s) => logs.to(s) });
  if (!setup) return 2;
  const { service, settings } = setup;
  const excluded = excludeMatcher(settings.exclude);
  let missing = false;
  const files = collectInputs(args.inputs, io.cwd, excluded, (input) => {
    missing = true;
    io.err(`policy-lexicon: ${input}: no such file, folder or matching glob\n`);
  });
  return args.command === 'terms' ? runTerms(service, files, io, missing) : runCheck(args, service, settings, files, io, missing, logs);
}

/** The forms the preparing thread is sent for the built-in glossary alone: the build warms that thread's bundle with them (warmCli.ts). */
export function builtinMatcherForms(): readonly MatcherForm[] {
  const builtin = loadBuiltinGlossary().glossary;
  return createLexiconService({ glossaries: builtin ? [builtin] : [] }).index().matcherForms();
}

/** Reads the configuration and loads the glossaries; reports problems and returns undefined on a configuration error. */
function configure(args: Args, io: Io): { service: LexiconService; settings: Settings } | undefined {
  const project = readProjectConfig(io.cwd);
  let failed = project.problems.length > 0;
  for (const problem of project.problems) io.err(`policy-lexicon: ${problem}\n`);
  const section: Record<string, unknown> = { ...project.section };
  section.rules = { ...(isObject(section.rules) ? section.rules : {}), ...args.rules };
  if (args.spelling !== undefined) section.spelling = args.spelling;
  if (args.builtin !== undefined) section.builtin = args.builtin;
  const { settings, problems } = parseSettings(section);
  for (const problem of problems) {
    failed = true;
    io.err(`policy-lexicon: configuration: ${problem}\n`);
  }

  const glossaries: Glossary[] = [];
  const report = (file: string, p: { line: number; character: number; message: string; severity: string }) => {
    io.err(`${displayPath(file, io.cwd)}:${p.line + 1}:${p.character + 1}: ${p.severity}: ${p.message}\n`);
  };
  if (settings.builtin) {
    const builtin = loadBuiltinGlossary();
    if (builtin.glossary) glossaries.push(builtin.glossary);
    for (const p of builtin.problems) report(builtin.path, p);
  }
  const excluded = excludeMatcher(settings.exclude);
  const listed = [...settings.glossaries, ...args.glossaries].map((g) => path.resolve(io.cwd, g));
  const discovered = [...walkFiles(io.cwd, (name) => GLOSSARY_FILE.test(name), excluded)].filter((f) => !listed.includes(f));
  for (const file of [...discovered, ...listed]) {
    const loaded = loadGlossaryFile(file, displayPath(file, io.cwd));
    for (const p of loaded.problems) {
      report(file, p);
      if (p.severity === 'error') failed = true;
    }
    if (loaded.glossary) glossaries.push(loaded.glossary);
  }
  if (failed) return undefined;
  return { service: createLexiconService({ glossaries, logger: { log: () => undefined, error: (m) => io.err(`policy-lexicon: ${m}\n`) } }), settings };
}

/** Expands files, folders and globs into Markdown files, in a stable order, each once. */
function collectInputs(inputs: readonly string[], cwd: string, excluded: (relative: string) => boolean, onMissing: (input: string) => void): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      out.push(file);
    }
  };
  const markdown = (name: string) => /\.(md|markdown|mdown|mkd)$/i.test(name);
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(full);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      // A folder the user names is checked even when it lies under an excluded path (`out/`,
      // say); the exclusions then apply to what is beneath it.
      const fromCwd = path.relative(cwd, full).split(path.sep).join('/');
      const named = fromCwd !== '' && excluded(`${fromCwd}/_`);
      const relative = (rel: string) => (named || fromCwd === '' ? rel : `${fromCwd}/${rel}`);
      for (const file of walkFiles(full, markdown, (rel) => excluded(relative(rel)))) add(file);
    } else if (stat) {
      add(full);
    } else if (picomatch.scan(input).isGlob) {
      const match = picomatch(input.split(path.sep).join('/'), { dot: false });
      const before = out.length;
      for (const file of walkFiles(cwd, markdown, excluded)) if (match(path.relative(cwd, file).split(path.sep).join('/'))) add(file);
      if (out.length === before) onMissing(input);
    } else {
      onMissing(input);
    }
  }
  return out;
}

/**
 * What checking one draft gives: why it was skipped, or the severity of each finding and, for
 * JSON, the diagnostics, else the findings (only what the output needs crosses from a worker).
 */
type Checked = { readonly skipped: string } | { readonly severities: Severity[]; readonly findings: Finding[]; readonly diagnostics: Diagnostic[] };

/** Checks one draft (fixing it first with --fix or --fix-dry-run); `read`: the draft as another thread read it. */
function checkFile(file: string, args: Args, service: LexiconService, options: CheckOptions, rulesDoc: string | undefined, io: Io, read?: Draft | string): Checked {
  const draft = read ?? readDraft(file);
  if (typeof draft === 'string') return { skipped: draft };
  const uri = pathToFileURL(file).href;
  let doc = TextDocument.create(uri, 'markdown', 1, draft.text);
  if (args.fix || args.fixDryRun) {
    const edits = service.fixAll(doc, options);
    if (edits.length > 0) {
      const fixed = applyEdits(draft.text, edits);
      if (args.fixDryRun) io.out(unifiedDiff(displayPath(file, io.cwd), draft.text, fixed));
      else writeAtomically(file, (draft.bom ? '\uFEFF' : '') + fixed);
      if (args.fix) doc = TextDocument.create(uri, 'markdown', 2, fixed);
    }
  }
  // Prepared from the text as read: with --fix the text checked may be another, and is analysed here from scratch.
  const findings = service.diagnose(doc, options, draft.prepared);
  service.forget(uri);
  const severities = findings.map((f) => f.severity);
  if (args.format === 'json') return { severities, findings: [], diagnostics: findings.map((f) => toDiagnostic(f, uri, rulesDoc)) };
  return { severities, findings, diagnostics: [] };
}

function runCheck(args: Args, service: LexiconService, settings: Settings, files: readonly string[], io: Io, missing: boolean, logs: { to: (s: string) => void }): number | Promise<number> {
  const options = checkOptions(settings);
  const rulesDoc = findRulesDoc();
  const colour = args.color && io.isTty && args.format === 'stylish';
  const reports: FileReport[] = [];
  const counts: Record<string, number> = {};
  let failing = false;
  const threshold = SEVERITIES.indexOf(args.maxSeverity);
  const progress = io.isTty && files.length > 20;
  // Takes the drafts' results in input order, whichever thread checked them.
  const shownPath = displayPaths(io.cwd);
  const take = (i: number, checked: Checked) => {
    if (progress && i % 10 === 0) io.err(`\rChecking ${i + 1}/${files.length}…`);
    const shown = shownPath(files[i]);
    if ('skipped' in checked) {
      io.err(`${progress ? '\r' : ''}policy-lexicon: ${shown}: skipped, ${checked.skipped}\n`);
      return;
    }
    const { findings } = checked;
    for (const severity of checked.severities) {
      counts[severity] = (counts[severity] ?? 0) + 1;
      if (SEVERITIES.indexOf(severity) >= threshold) failing = true;
    }
    const report: FileReport = { path: shown, findings, diagnostics: checked.diagnostics };
    if (args.format === 'stylish' && !args.fixDryRun) {
      const text = formatStylishFile(report, colour);
      if (text) io.out(text);
    } else {
      reports.push({ ...report, findings: args.format === 'sarif' ? findings : [] });
    }
  };
  const finish = () => {
    if (progress) io.err('\r\x1b[K');
    if (args.format === 'json') io.out(formatJson(reports));
    else if (args.format === 'sarif') io.out(formatSarif(reports, VERSION));
    else if (!args.fixDryRun) io.out(formatStylishSummary(counts, files.length, rulesDoc ? 'docs/rules.md' : undefined, colour));
    if (missing) return 2;
    return failing ? 1 : 0;
  };
  // Fixes write files and print diffs as they go: those runs stay on this thread.
  const threads = args.fix || args.fixDryRun ? 1 : threadCount(files);
  if (threads <= 1) {
    files.forEach((file, i) => take(i, checkFile(file, args, service, options, rulesDoc, io)));
    return finish();
  }
  const checkHere = (file: string, read?: Draft | string) => {
    const errors: string[] = [];
    logs.to = (s) => errors.push(s);
    try {
      return { checked: checkFile(file, args, service, options, rulesDoc, io, read), errors };
    } finally {
      logs.to = io.err;
    }
  };
  if (threads === 2) return checkInPipeline(service.index().matcherForms(), files, io, take, checkHere).then(finish);
  return checkInWorkers(args, files, threads, io, take, checkHere).then(finish);
}

/** How many drafts a worker holds at a time. */
const IN_HAND = 8;

/** Inputs smaller than this are checked on the main thread unless POLICY_LEXICON_THREADS asks otherwise: starting a thread costs more. */
const PARALLEL_BYTES = 2 * 1024 * 1024;

/** How many threads check the drafts: POLICY_LEXICON_THREADS, else one per core for large enough inputs; never more than the files. */
function threadCount(files: readonly string[]): number {
  const requested = process.env.POLICY_LEXICON_THREADS?.trim();
  if (requested) return Math.min(files.length, Math.max(1, Number.parseInt(requested, 10) || 1));
  if (files.length < 2) return 1;
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += fs.statSync(file).size;
    } catch {
      // readDraft reports it.
    }
    if (bytes >= PARALLEL_BYTES) return Math.min(files.length, os.availableParallelism());
  }
  return 1;
}

/** A message from a worker: a draft's result and what the core logged while checking it, or an error. */
type FromWorker = { readonly i: number; readonly checked: Checked; readonly errors: readonly string[] } | { readonly failed: string };

/**
 * Checks the drafts on `threads` threads: this one (`checkHere`) and threads - 1 worker threads
 * (this same file, see the end), each with its own service configured from the same arguments.
 * Each thread takes the next draft when it is done with one; results are passed to `take` in
 * input order, so the output is the same as on one thread.
 */
function checkInWorkers(
  args: Args,
  files: readonly string[],
  threads: number,
  io: Io,
  take: (i: number, checked: Checked) => void,
  checkHere: (file: string) => { checked: Checked; errors: readonly string[] },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let settled = false;
    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const results = new InOrder<{ checked: Checked; errors: readonly string[] }>(files.length, (i, { checked, errors }) => {
      for (const e of errors) io.err(e);
      take(i, checked);
    });
    const done = (i: number, result: { checked: Checked; errors: readonly string[] }) => {
      if (results.put(i, result)) stop();
    };
    const hand = (worker: Worker) => {
      if (next < files.length) worker.postMessage({ i: next, file: files[next++] });
    };
    for (let t = 1; t < threads; t++) {
      const data: CliWorkerData = { policyLexiconWorker: true, role: 'check', argv: args.argv, cwd: io.cwd };
      const worker = new Worker(workerEntry, { workerData: data });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        if ('failed' in message) return stop(new Error(message.failed));
        hand(worker);
        done(message.i, message);
      });
      worker.on('error', (error) => stop(error));
      worker.on('exit', (code) => stop(settled || code === 0 ? undefined : new Error(`a worker thread stopped with exit code ${code}`)));
      // Drafts at hand, so a worker has the next ones while this thread is busy with a draft or a
      // collection (with two, a worker on the 10 MB benchmark waited ~90 ms in all; at the end,
      // this thread waits at most for what a worker holds).
      for (let k = 0; k < IN_HAND; k++) hand(worker);
    }
    // This thread checks a draft at a time between the workers' messages (and while they start).
    const here = () => {
      if (settled || next >= files.length) return;
      const i = next++;
      let result;
      try {
        result = checkHere(files[i]);
      } catch (error) {
        return stop(error as Error);
      }
      done(i, result);
      setImmediate(here);
    };
    setImmediate(here);
  });
}

/**
 * Checks the drafts on two threads split by stage, not by draft: a worker thread reads each
 * draft in input order and prepares it (`runPreparer`, cliPrepare.ts, a bundle of its own under
 * the launcher: the Markdown parse and the glossary matcher's finds, with the forms this
 * thread's glossary index matches; the worker loads no glossary), and this thread analyses what
 * it prepared. Two threads each checking half
 * the drafts gained nothing on two cores: each thread's V8 compiled all the same hot code (~250
 * ms of optimising compiler work for the 10 MB benchmark corpus), on the core the other thread
 * was using. Split by stage, each compiles only its own part (docs/decisions.md, Performance).
 *
 * The worker waits while it is `AHEAD` drafts ahead: this thread keeps the number of drafts it
 * has checked in shared memory (`limit[0]`, plus `AHEAD`), rather than sending a message per
 * draft, which cost it ~30 µs each. Having sent the last draft, the worker waits for `limit[1]`,
 * set when this thread is done: its exit ends the run (after its messages, which Node delivers
 * first), and this thread may still have drafts to check.
 */
function checkInPipeline(
  forms: readonly MatcherForm[],
  files: readonly string[],
  io: Io,
  take: (i: number, checked: Checked) => void,
  checkHere: (file: string, read?: Draft | string) => { checked: Checked; errors: readonly string[] },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const limit = new Int32Array(new SharedArrayBuffer(8));
    limit[0] = AHEAD;
    let settled = false;
    const data: CliWorkerData = { policyLexiconWorker: true, role: 'prepare', files, limit, forms };
    const worker = new Worker(workerEntry, { workerData: data });
    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      Atomics.store(limit, 1, 1);
      Atomics.notify(limit, 0);
      Atomics.notify(limit, 1);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const results = new InOrder<{ checked: Checked; errors: readonly string[] }>(files.length, (i, { checked, errors }) => {
      for (const e of errors) io.err(e);
      take(i, checked);
    });
    // What the worker has sent and this thread has not checked yet, and the next draft to check.
    const ready: Array<Draft | string | undefined> = [];
    let next = 0;
    let scheduled = false;
    // A draft a turn, so that the worker's messages are taken in between.
    const step = () => {
      scheduled = false;
      const i = next;
      const draft = ready[i];
      if (settled || draft === undefined) return;
      ready[i] = undefined;
      next++;
      Atomics.store(limit, 0, next + AHEAD);
      Atomics.notify(limit, 0);
      let result;
      try {
        result = checkHere(files[i], draft);
      } catch (error) {
        return stop(error as Error);
      }
      if (results.put(i, result)) return stop();
      schedule();
    };
    const schedule = () => {
      if (!scheduled && !settled && ready[next] !== undefined) {
        scheduled = true;
        setImmediate(step);
      }
    };
    worker.on('message', (message: FromPreparer) => {
      if ('failed' in message) return stop(new Error(message.failed));
      ready[message.i] = 'skipped' in message ? message.skipped : { text: message.packed.parse.text, bom: message.bom, prepared: unpackPrepared(message.packed) };
      schedule();
    });
    worker.on('error', (error) => stop(error));
    worker.on('exit', (code) => stop(settled || code === 0 ? undefined : new Error(`a worker thread stopped with exit code ${code}`)));
  });
}

/** A worker thread: prepares drafts for `checkInPipeline`, or configures itself as the main thread did and checks the drafts it is handed. */
function runWorker(data: CliWorkerData): void {
  if (data.role === 'prepare') return runPreparer(data);
  const port = parentPort!;
  try {
    const args = parseArgs(data.argv) as Args;
    let errors: string[] = [];
    // The main thread has reported the configuration's problems already; after that, what the core logs goes with each result.
    let configured = false;
    const io: Io = { out: () => undefined, err: (s) => configured && errors.push(s), isTty: false, cwd: data.cwd };
    const setup = configure(args, io);
    if (!setup) throw new Error('the configuration no longer loads');
    configured = true;
    const options = checkOptions(setup.settings);
    const rulesDoc = findRulesDoc();
    port.on('message', ({ i, file }: { i: number; file: string }) => {
      try {
        const checked = checkFile(file, args, setup.service, options, rulesDoc, io);
        port.postMessage({ i, checked, errors });
        errors = [];
      } catch (error) {
        port.postMessage({ failed: (error as Error).stack ?? String(error) });
      }
    });
  } catch (error) {
    port.postMessage({ failed: (error as Error).stack ?? String(error) });
  }
}

function runTerms(service: LexiconService, files: readonly string[], io: Io, missing: boolean): number {
  const sections: string[] = [];
  for (const file of files) {
    const draft = readDraft(file);
    if (typeof draft === 'string') {
      io.err(`policy-lexicon: ${displayPath(file, io.cwd)}: skipped, ${draft}\n`);
      continue;
    }
    const doc = TextDocument.create(pathToFileURL(file).href, 'markdown', 1, draft.text);
    sections.push(termsSection(service.documentTerms(doc), displayPath(file, io.cwd)));
    service.forget(doc.uri);
  }
  if (sections.length) io.out(`${sections.join('\n\n')}\n`);
  return missing ? 2 : 0;
}

function termsSection(terms: readonly DocumentTerm[], shown: string): string {
  const heading = `## ${shown}`;
  if (terms.length === 0) return `${heading}\n\nNo glossary entries mentioned.`;
  const abbreviations = terms.filter((t) => t.acronym).sort((a, b) => a.acronym!.localeCompare(b.acronym!, 'en'));
  const others = terms.filter((t) => !t.acronym).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const kind = (t: DocumentTerm) => t.kind.replace(/-/g, ' ');
  const line = (t: DocumentTerm) => (t.acronym ? `- ${t.acronym} — ${t.name} — ${kind(t)} — ${t.count}` : `- ${t.name} — ${kind(t)} — ${t.count}`);
  const parts = [heading];
  if (abbreviations.length) parts.push(`### Abbreviations\n\n${abbreviations.map(line).join('\n')}`);
  if (others.length) parts.push(`### Other terms\n\n${others.map(line).join('\n')}`);
  return parts.join('\n\n');
}

/**
 * Writes through a temporary file in the same folder and a rename, so a file is either the
 * old one or the new one, never half written; the file mode is kept.
 */
export function writeAtomically(file: string, content: string): void {
  const mode = fs.statSync(file).mode & 0o7777;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file worker threads start from (see `run`). */
let workerEntry = __filename;

/**
 * Runs the command in this process, or, on a worker thread, that thread's part of it. `entry` is
 * the file worker threads start from: the launcher (server/src/cliLauncher.ts), else this bundle.
 */
export function run(entry: string): void {
  workerEntry = entry;
  const worker = cliWorkerData();
  if (worker) return runWorker(worker);
  const code = main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTty: process.stdout.isTTY === true && !process.env.NO_COLOR,
    cwd: process.cwd(),
  });
  if (typeof code === 'number') process.exitCode = code;
  else
    code.then(
      (c) => (process.exitCode = c),
      (error) => {
        console.error(error);
        process.exitCode = 2;
      },
    );
}

// Run as a file of its own (`node dist/cli-main.js`, or a worker thread started from it).
if (require.main === module) run(__filename);
