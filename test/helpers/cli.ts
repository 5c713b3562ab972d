import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './fixtures';

/** Runs the bundled CLI as a user would, from `cwd`, with `env` added to the environment. */
export function runCli(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  // A time limit: a run that never exits (a worker thread left running) fails instead of blocking the suite.
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
