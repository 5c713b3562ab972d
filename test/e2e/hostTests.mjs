// Route B: runs the in-editor suite (test/e2e/suite, the kind @vscode/test-electron runs) in
// code-server's extension host. code-server's command line rejects --extensionTestsPath, but
// its web workbench takes the same `payload` query parameter as @vscode/test-web: it loads the
// extension from its folder (no .vsix) and awaits `run()` of the tests module, then reports
// the exit code through window.codeAutomationExit and the host's output through
// window.codeAutomationLog.
//
// Env: CS_URL (code-server, e.g. http://127.0.0.1:PORT), WORKSPACE (folder to open),
//      EXT_DIR (default: the repository), OUT_DIR (host.log goes there), TIMEOUT_MS (default 300000).
// Exit code: the suite's (0 = passed), 2 = usage, 3 = timed out.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, requireEnv, ROOT, SUITE } from './lib.mjs';

const [CS_URL, WORKSPACE] = requireEnv('CS_URL', 'WORKSPACE');
const EXT_DIR = path.resolve(process.env.EXT_DIR ?? ROOT);
const OUT_DIR = path.resolve(process.env.OUT_DIR ?? '.');
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 300000);
if (!fs.existsSync(SUITE)) {
  console.error(`${SUITE} is missing: compile the tests first (npx tsc -p tsconfig.json)`);
  process.exit(2);
}

// The remote extension host reads these paths on the code-server machine: vscode-remote URIs
// whose authority is code-server's host:port.
const remote = (p) => `vscode-remote://${new URL(CS_URL).host}${path.resolve(p)}`;
const payload = [
  ['extensionDevelopmentPath', remote(EXT_DIR)],
  ['extensionTestsPath', remote(SUITE)],
];
const url = `${CS_URL}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

fs.mkdirSync(OUT_DIR, { recursive: true });
const log = fs.createWriteStream(path.join(OUT_DIR, 'host.log'));
const started = Date.now();
const { page, close } = await launchBrowser();
let finish;
const exitCode = new Promise((resolve) => { finish = resolve; });
await page.exposeFunction('codeAutomationLog', (_type, args) => {
  // The host forwards console calls as (format, ...values).
  const line = format(...(Array.isArray(args) ? args : [args]));
  process.stdout.write(`${line}\n`);
  log.write(`${line}\n`);
});
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
page.on('console', (m) => { if (m.type() === 'error') log.write(`[browser error] ${m.text()}\n`); });

const timer = setTimeout(() => {
  console.error(`the in-editor suite did not finish within ${TIMEOUT_MS} ms`);
  finish(3);
}, TIMEOUT_MS);
await page.goto(url);
const code = await exitCode;
clearTimeout(timer);
if (code !== 0) await page.screenshot({ path: path.join(OUT_DIR, 'host-failure.png') }).catch(() => {});
console.log(`in-editor suite: exit code ${code} after ${Date.now() - started} ms`);
log.end();
await close();
process.exit(code);
