import * as path from 'node:path';
import { cliWorkerData } from './cliThreads';
import { loadBundle } from './codeCache';

/**
 * `dist/cli.js`, the `policy-lexicon` command: loads the CLI's bundle beside it (`dist/cli-main.js`,
 * server/src/cli.ts) with the code cache the build wrote (see codeCache.ts), and runs it. Worker
 * threads start here too, and so load their bundle the same way: the preparing thread of a
 * two-thread run loads only its own (`dist/cli-prepare.js`, server/src/cliPrepare.ts).
 */
const worker = cliWorkerData();
if (worker?.role === 'prepare') {
  const prepare = loadBundle(path.join(__dirname, 'cli-prepare.js')).exports as typeof import('./cliPrepare');
  prepare.runPreparer(worker);
} else {
  const cli = loadBundle(path.join(__dirname, 'cli-main.js')).exports as { run: (entry: string) => void };
  cli.run(__filename);
}
