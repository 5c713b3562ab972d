// `npm run test:vscode`: the same in-editor suite (test/e2e/suite) in a real VS Code desktop,
// through @vscode/test-electron, wherever VS Code can be downloaded. Machines that reach only
// package registries fail at "Resolving version" with ENOTFOUND: there, `npm run test:e2e` runs
// the suite in code-server's extension host instead.
//
// Env: VSCODE_VERSION (default 1.100.3, the VS Code inside the pinned code-server), or
//      VSCODE_EXECUTABLE (a VS Code already on this machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace, ROOT, SUITE, writeUserSettings } from './lib.mjs';

const state = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-vscode-'));
const workspace = prepareWorkspace(path.join(state, 'workspace'));
const userData = path.join(state, 'user-data');
writeUserSettings(userData);

const where = process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? '1.100.3' };
let code = 0;
try {
  code = await runTests({
    ...where,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: SUITE,
    // Other installed extensions stay off; the extension under test loads from ROOT.
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
  });
} catch (error) {
  console.error(`the in-editor suite could not run in VS Code: ${error?.message ?? error}`);
  code = 1;
} finally {
  fs.rmSync(state, { recursive: true, force: true });
}
process.exit(code);
