import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBundle } from './codeCache';
import type { MatcherForm } from './core/glossary/glossaryIndex';

/**
 * Build step (esbuild.js): writes the code caches of the CLI's bundles, `node warmCli.js
 * dist/cli-main.js dist/cli-prepare.js examples`. The CLI's bundle checks the examples with the
 * built-in glossary, as `policy-lexicon check examples/` does (in the terminal's format and in
 * JSON); the preparing thread's bundle prepares them with the built-in glossary's forms. Each
 * cache then holds the functions such a run compiles.
 */
const [bundle, prepareBundle, examples] = process.argv.slice(2);
const noCache = (file: string) =>
  process.stderr.write(`policy-lexicon build: no code cache for ${file} (this Node has no zlib.crc32; 20.15 or later has it)\n`);
const loaded = loadBundle(path.resolve(bundle));
const { main, builtinMatcherForms } = loaded.exports as {
  main: (argv: readonly string[], io: object) => number | Promise<number>;
  builtinMatcherForms: () => readonly MatcherForm[];
};
const quiet = { out: () => undefined, err: (s: string) => process.stderr.write(s), isTty: false, cwd: process.cwd() };
// Both output formats a run most often prints: the terminal's and CI's.
void (async () => {
  for (const format of ['stylish', 'json']) await main(['check', '--format', format, examples], quiet);
  // Without a cache the CLI compiles its bundle as usual: the build goes on.
  if (!loaded.writeCache()) noCache(bundle);
  const prepare = loadBundle(path.resolve(prepareBundle));
  const drafts = fs.readdirSync(examples).filter((name) => name.endsWith('.md')).map((name) => path.resolve(examples, name));
  const { warmPreparer } = prepare.exports as typeof import('./cliPrepare');
  if (warmPreparer(drafts, builtinMatcherForms()) === 0) throw new Error(`no draft to prepare in ${examples}`);
  if (!prepare.writeCache()) noCache(prepareBundle);
})();
