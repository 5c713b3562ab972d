/**
 * The in-editor suite's entry point: the module that `extensionTestsPath` names. VS Code's
 * extension host (code-server's through the workbench `payload`, or the one
 * `@vscode/test-electron` starts) loads it and awaits `run()`; a rejection means failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // E2E_GREP (in code-server's environment, which its extension host inherits) runs a subset.
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec', grep: process.env.E2E_GREP || undefined });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor test(s) failed`)) : resolve()));
  });
}
