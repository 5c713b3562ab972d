import * as path from 'node:path';
import { loadBundle } from './codeCache';

/**
 * Build step (esbuild.js): writes the code cache of the CLI's bundle, `node warmCli.js
 * dist/cli-main.js examples`. The bundle checks the examples with the built-in glossary, as
 * `policy-lexicon check examples/` does (in the terminal's format and in JSON), so the cache
 * holds the functions such a run compiles.
 */
const [bundle, examples] = process.argv.slice(2);
const loaded = loadBundle(path.resolve(bundle));
const { main } = loaded.exports as { main: (argv: readonly string[], io: object) => number | Promise<number> };
const quiet = { out: () => undefined, err: (s: string) => process.stderr.write(s), isTty: false, cwd: process.cwd() };
// Both output formats a run most often prints: the terminal's and CI's.
void (async () => {
  for (const format of ['stylish', 'json']) await main(['check', '--format', format, examples], quiet);
  // Without a cache the CLI compiles its bundle as usual: the build goes on.
  if (!loaded.writeCache()) process.stderr.write('policy-lexicon build: no code cache for the CLI (this Node has no zlib.crc32; 20.15 or later has it)\n');
})();
