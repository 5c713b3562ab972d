import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/fixtures';
import { listZip, readZipEntry, type ZipEntry } from '../helpers/zip';

/** Top-level names never copied into the staging tree: not sources, and slow to copy. */
const NOT_COPIED = new Set(['node_modules', '.git', '.cache', 'out', '.e2e-out']);

/** What the .vsix must hold: what runs, what the Extensions view shows, and the rules page. */
const REQUIRED = [
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/docs/rules.md',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/dist/cli-main.js',
  'extension/dist/cli-prepare.js',
  'extension/dist/builtin.lexicon.yaml',
  'extension/dist/builtin.glossary.json',
  // Contributed by package.json: the grammar, the snippets, the glossary schema, the walkthrough and its example.
  'extension/syntaxes/policy-lexicon.injection.tmLanguage.json',
  'extension/snippets/markdown.json',
  'extension/schemas/lexicon.schema.json',
  'extension/docs/walkthrough/open-example.md',
  'extension/examples/draft-with-typical-mistakes.md',
  'extension/docs/highlighting.md',
  'extension/docs/glossaries.md',
];
/** Files that may be there besides the required ones: vsce's content-types file and the README pictures. */
const ALLOWED = [/^\[Content_Types\]\.xml$/, /^extension\/docs\/images\/[\w-]+\.png$/, /^extension\/docs\/walkthrough\/[\w-]+\.md$/];

suite('package: the .vsix', () => {
  let staging: string;
  let zip: Buffer;
  let entries: ZipEntry[];
  const entry = (name: string) => {
    const found = entries.find((e) => e.name === name);
    assert.ok(found, `${name} is not in the .vsix`);
    return readZipEntry(zip, found);
  };

  // `npm run package` runs in a copy of the working tree, so the production build never
  // replaces the development bundles the other suites use.
  suiteSetup(function () {
    this.timeout(120000);
    staging = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-package-'));
    fs.cpSync(ROOT, staging, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(ROOT, source);
        return !NOT_COPIED.has(relative.split(path.sep)[0]) && !relative.endsWith('.vsix');
      },
    });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(staging, 'node_modules'), 'dir');
    // The check below is only worth something if there are maps and sources to leave out.
    fs.mkdirSync(path.join(staging, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(staging, 'dist', 'server.js.map'), '{"version":3}');
    assert.ok(fs.existsSync(path.join(staging, 'client', 'src', 'extension.ts')));

    const result = spawnSync('npm', ['run', '-s', 'package'], { cwd: staging, encoding: 'utf8' });
    assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
    const { version } = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as { version: string };
    zip = fs.readFileSync(path.join(staging, `policy-lexicon-${version}.vsix`));
    entries = listZip(zip);
  });

  suiteTeardown(() => {
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
  });

  test('holds the bundles, the built-in glossary, the rules page, README, CHANGELOG, LICENSE and the icon', () => {
    const names = entries.map((e) => e.name);
    for (const name of REQUIRED) assert.ok(names.includes(name), `${name} is missing from the .vsix:\n${names.join('\n')}`);
  });

  test('no sources, tests, maps or dependencies leak in; nothing unexpected is shipped', () => {
    const names = entries.map((e) => e.name);
    const leaks = names.filter((n) => /\.(ts|map)$|\/(test|client|server|src|node_modules|out|\.cache)\//.test(n));
    assert.deepEqual(leaks, []);
    const unexpected = names.filter((n) => !REQUIRED.includes(n) && !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(unexpected, []);
  });

  test('the manifest names the extension, its entry point and its icon, all shipped', () => {
    const manifest = JSON.parse(entry('extension/package.json').toString('utf8')) as Record<string, unknown>;
    assert.equal(manifest.publisher, 'policy-lexicon');
    assert.equal(manifest.name, 'policy-lexicon');
    assert.equal(manifest.license, 'MIT');
    const main = String(manifest.main).replace(/^\.\//, '');
    assert.ok(entries.some((e) => e.name === `extension/${main}`), `main ${main} is not shipped`);
    assert.ok(entries.some((e) => e.name === `extension/${String(manifest.icon)}`), `icon ${String(manifest.icon)} is not shipped`);
    const vsixManifest = entry('extension.vsixmanifest').toString('utf8');
    assert.match(vsixManifest, /<Identity [^>]*Id="policy-lexicon"[^>]*Publisher="policy-lexicon"/);
  });

  test('the bundles are the production build, and the icon is a 128x128 PNG', () => {
    for (const bundle of ['extension', 'server', 'cli']) {
      const code = entry(`extension/dist/${bundle}.js`).toString('utf8');
      assert.doesNotMatch(code, /sourceMappingURL/, `${bundle}.js points at a source map`);
    }
    const png = entry('extension/images/icon.png');
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  test('LICENSE is the MIT licence of the Policy Lexicon developers', () => {
    const license = entry('extension/LICENSE.txt').toString('utf8');
    assert.match(license, /^MIT License/);
    assert.match(license, /Copyright \(c\) \d{4} Policy Lexicon developers/);
  });
});
