#!/usr/bin/env node
// Runs the grammar tests (test/grammar/*.test.md) with vscode-tmgrammar-test.
//
// The injection grammar only means something inside VS Code's own Markdown grammar, which is
// not ours to copy into the repository. It is loaded at test time from an installed VS Code
// build: the folder given in POLICY_LEXICON_VSCODE_EXTENSIONS (VS Code's
// `resources/app/extensions` or code-server's `lib/vscode/extensions`), else the code-server
// that the editor tests install into .cache/code-server, else a system VS Code.
// Our own grammar comes from package.json (`contributes.grammars`, with its `injectTo`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');

const candidates = [
  process.env.POLICY_LEXICON_VSCODE_EXTENSIONS,
  path.join(root, '.cache', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions'),
  '/usr/share/code/resources/app/extensions',
  '/usr/lib/code/extensions',
  '/opt/visual-studio-code/resources/app/extensions',
  '/Applications/Visual Studio Code.app/Contents/Resources/app/extensions',
].filter(Boolean);

const markdownGrammar = (dir) => path.join(dir, 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
const extensions = candidates.find((dir) => fs.existsSync(markdownGrammar(dir)));
if (!extensions) {
  console.error(
    [
      'test:grammar needs VS Code\'s Markdown grammar (markdown-basics/syntaxes/markdown.tmLanguage.json) and found none in:',
      ...candidates.map((c) => `  ${c}`),
      'Install code-server into .cache/code-server (the editor tests do), or set POLICY_LEXICON_VSCODE_EXTENSIONS',
      'to the `extensions` folder of a VS Code or code-server build.',
    ].join('\n'),
  );
  process.exit(1);
}

// The host grammar first, then every other grammar of the build, so that the languages it
// embeds (YAML front matter, HTML, fenced code) resolve as they do in the editor. Other
// extensions' injections are not applied: only ours, from package.json.
const grammars = [markdownGrammar(extensions)];
for (const folder of fs.readdirSync(extensions).sort()) {
  const dir = path.join(extensions, folder, 'syntaxes');
  if (!fs.existsSync(dir)) continue;
  for (const file of fs.readdirSync(dir).sort()) {
    const grammar = path.join(dir, file);
    if (file.endsWith('.tmLanguage.json') && grammar !== grammars[0]) grammars.push(grammar);
  }
}

const pkg = require.resolve('vscode-tmgrammar-test/package.json');
const bin = path.join(path.dirname(pkg), require(pkg).bin['vscode-tmgrammar-test']);
const cases = process.argv.slice(2).length ? process.argv.slice(2) : ['test/grammar/*.test.md'];
console.log(`host grammar: ${path.relative(root, markdownGrammar(extensions)) || markdownGrammar(extensions)}`);
const result = spawnSync(process.execPath, [bin, '--config', 'package.json', ...grammars.flatMap((g) => ['-g', g]), ...cases], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
});
// Grammars that VS Code resolves from other installed extensions (Scala, Elixir, ...) are not
// in the build; fenced code in those languages is not under test, so their warnings are noise.
const stderr = result.stderr.split('\n').filter((line) => line && !/^grammar not found for "/.test(line));
if (stderr.length) console.error(stderr.join('\n'));
process.exit(result.status ?? 1);
