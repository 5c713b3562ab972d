import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/fixtures';

/** Every module specifier a TypeScript file imports or requires. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) specifiers.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return specifiers;
}

/**
 * The project's files `file` loads when it runs: relative imports followed, type-only imports
 * (`import type`, which the bundler drops) left out.
 */
function runtimeClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  const pattern = /^(?:import|export)\s+(?!type\s)[^'";]*?from\s+['"](\.[^'"]*)['"]|^import\s+['"](\.[^'"]*)['"]/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const base = path.resolve(path.dirname(file), m[1] ?? m[2]);
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (resolved) runtimeClosure(resolved, seen);
  }
  return seen;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

suite('layering', () => {
  test('the core imports neither vscode, the LSP connection nor the server layer', () => {
    const core = path.join(ROOT, 'server', 'src', 'core');
    const offences: string[] = [];
    for (const file of tsFiles(core)) {
      for (const spec of importsOf(file)) {
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
        const outside = spec.startsWith('.') && !resolved.startsWith(core);
        if (spec === 'vscode' || /^vscode-languageserver(\/|$)|^vscode-languageclient|^vscode-jsonrpc/.test(spec) || outside) {
          offences.push(`${path.relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    assert.deepEqual(offences, []);
  });

  test('the server never imports vscode, and the client imports only protocol.ts from the server', () => {
    const offences: string[] = [];
    for (const file of tsFiles(path.join(ROOT, 'server', 'src'))) {
      if (importsOf(file).includes('vscode')) offences.push(`${path.relative(ROOT, file)} imports vscode`);
    }
    for (const file of tsFiles(path.join(ROOT, 'client', 'src'))) {
      for (const spec of importsOf(file)) {
        if (spec.includes('server/') && !spec.endsWith('server/src/protocol')) offences.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  test('no source of the server, the client or the CLI reaches the network, spawns a program or evaluates code', () => {
    const forbidden = /^(node:)?(http|https|http2|net|tls|dgram|dns|child_process|vm|cluster)$/;
    // One exception: the CLI's launcher compiles the CLI's own bundle, beside it, with V8's code
    // cache (`vm` is how), as `require` would compile it; nothing else loads that module.
    const bundleLoader = path.join(ROOT, 'server', 'src', 'codeCache.ts');
    const loaderUsers = [path.join(ROOT, 'server', 'src', 'cliLauncher.ts'), path.join(ROOT, 'server', 'src', 'warmCli.ts')];
    const offences: string[] = [];
    for (const file of [...tsFiles(path.join(ROOT, 'server', 'src')), ...tsFiles(path.join(ROOT, 'client', 'src'))]) {
      for (const spec of importsOf(file)) {
        if (forbidden.test(spec) && !(file === bundleLoader && /^(node:)?vm$/.test(spec))) offences.push(`${path.relative(ROOT, file)} imports ${spec}`);
        if (/(^|\/)codeCache$/.test(spec) && !loaderUsers.includes(file)) offences.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
      const text = fs.readFileSync(file, 'utf8');
      if (/\beval\s*\(|new\s+Function\s*\(/.test(text)) offences.push(`${path.relative(ROOT, file)} evaluates a string as code`);
    }
    assert.deepEqual(offences, []);
  });

  test("the CLI's launcher and preparing thread load none of the CLI's checking code", () => {
    // dist/cli-prepare.js is bundled from cliPrepare.ts so that the preparing thread starts
    // without the rules, the analysis and their tables (docs/decisions.md, Performance); one
    // import of the core's index would bring them all back, and nothing else would fail.
    const src = path.join(ROOT, 'server', 'src');
    const prepare = [...runtimeClosure(path.join(src, 'cliPrepare.ts'))].map((f) => path.relative(src, f).split(path.sep).join('/'));
    const heavy = prepare.filter((f) => f === 'core/index.ts' || f === 'cli.ts' || f === 'core/analysis.ts' || f.startsWith('core/rules/') || f.startsWith('lsp/') || f === 'glossaryFiles.ts');
    assert.deepEqual(heavy, []);
    assert.ok(prepare.includes('core/markdown/blocks.ts') && prepare.includes('draftFiles.ts'), prepare.join(', '));
    const launcher = [...runtimeClosure(path.join(src, 'cliLauncher.ts'))].map((f) => path.relative(src, f)).sort();
    assert.deepEqual(launcher, ['cliLauncher.ts', 'cliThreads.ts', 'codeCache.ts']);
  });

  test('the import scanner sees the imports it must police', () => {
    // Guards the test above against a scanner that silently finds nothing.
    const specs = importsOf(path.join(ROOT, 'server', 'src', 'server.ts'));
    assert.ok(specs.includes('vscode-languageserver'));
    assert.ok(specs.includes('./core'));
    assert.ok(importsOf(path.join(ROOT, 'server', 'src', 'main.ts')).includes('node:worker_threads'));
  });
});
