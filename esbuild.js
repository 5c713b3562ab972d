// One run, five bundles (plus the built-in glossary copied beside them, and the CLI's code caches):
//   client/src/extension.ts    -> dist/extension.js  (runs in the VS Code extension host; `vscode` is external)
//   server/src/main.ts         -> dist/server.js     (stdio or IPC; other editors run `node dist/server.js --stdio`)
//   server/src/cliLauncher.ts  -> dist/cli.js        (the `policy-lexicon` command: loads the next one)
//   server/src/cli.ts          -> dist/cli-main.js   (the CLI itself, and dist/cli-main.js.cache, its V8 code cache)
//   server/src/cliPrepare.ts   -> dist/cli-prepare.js (the preparing thread of a two-thread CLI run, and its code cache)
// `--watch` keeps one esbuild context per entry point alive and reports errors in the
// `file:line:col: error: message` shape that VS Code's esbuild problem matcher understands.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');

const watch = process.argv.includes('--watch');
const { version } = require('./package.json');
const production = process.argv.includes('--production');

/** Prints build results in a shape problem matchers can read. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * Ships the built-in glossary next to the bundles (every editor can open it read-only), and the
 * same glossary loaded and checked, as JSON, which the server and the CLI read at start-up
 * (server/src/compileBuiltin.ts; a problem in the glossary fails the build).
 */
const shipGlossary = {
  name: 'ship-builtin-glossary',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      fs.mkdirSync('dist', { recursive: true });
      const yaml = path.join('dist', 'builtin.lexicon.yaml');
      fs.copyFileSync(path.join('server', 'glossary', 'builtin.lexicon.yaml'), yaml);
      const compiler = path.join(os.tmpdir(), `policy-lexicon-compile-builtin-${process.pid}.js`);
      try {
        await esbuild.build({ ...common, plugins: [], sourcemap: false, entryPoints: ['server/src/compileBuiltin.ts'], outfile: compiler });
        execFileSync(process.execPath, [compiler, yaml, path.join('dist', 'builtin.glossary.json')], { stdio: 'inherit' });
      } finally {
        fs.rmSync(compiler, { force: true });
      }
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: watch ? 'silent' : 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  plugins: watch ? [problemMatcher] : [],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cliLauncher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js' },
  { entryPoints: ['server/src/cliPrepare.ts'], outfile: 'dist/cli-prepare.js' },
];

/**
 * Writes the code caches of the CLI's two bundles (server/src/codeCache.ts) by a warm-up run on
 * `examples/`. V8 reads them only under the Node version and flags that wrote them; elsewhere the
 * CLI compiles its bundles as usual. Not in watch mode: a rebuilt bundle no longer matches its
 * cache, which the CLI then ignores.
 */
async function writeCliCache() {
  const warm = path.join(os.tmpdir(), `policy-lexicon-warm-cli-${process.pid}.js`);
  try {
    await esbuild.build({ ...common, plugins: [], sourcemap: false, entryPoints: ['server/src/warmCli.ts'], outfile: warm });
    execFileSync(process.execPath, [warm, path.join('dist', 'cli-main.js'), path.join('dist', 'cli-prepare.js'), 'examples'], { stdio: 'inherit' });
  } finally {
    fs.rmSync(warm, { force: true });
  }
}

async function main() {
  const contexts = await Promise.all(
    entries.map((entry, i) =>
      esbuild.context({ ...common, ...entry, plugins: [...common.plugins, ...(i === 0 ? [shipGlossary] : [])] }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
  await writeCliCache();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
