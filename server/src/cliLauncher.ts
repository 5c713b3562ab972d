import * as path from 'node:path';
import { loadBundle } from './codeCache';

/**
 * `dist/cli.js`, the `policy-lexicon` command: loads the CLI's bundle beside it (`dist/cli-main.js`,
 * server/src/cli.ts) with the code cache the build wrote (see codeCache.ts), and runs it. Worker
 * threads start here too, and so load the bundle the same way.
 */
const cli = loadBundle(path.join(__dirname, 'cli-main.js')).exports as { run: (entry: string) => void };
cli.run(__filename);
