import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { applyPatch } from 'diff';
import { runCli } from '../helpers/cli';
import { readFixture, ROOT } from '../helpers/fixtures';

suite('cli: check', () => {
  let dir: string;
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-check-'));
    write('drafts/clean.md', readFixture('drafts', 'clean.md'));
    write('drafts/dirty.md', readFixture('drafts', 'dirty.md'));
  });
  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('stylish: path:line:col severity message rule, 1-based, and exit 1 on findings', () => {
    const result = runCli(['check', 'drafts'], dir);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'drafts/dirty.md');
    assert.match(lines[1], /^ {2}drafts\/dirty\.md:10:160 {2}warning {2}"Laos" is not the official form: write "Lao PDR" .* {2}non-canonical$/);
    assert.match(result.stdout, /11 problems \(11 warnings\) in 2 files checked\./);
    assert.doesNotMatch(result.stdout, /\x1b\[/, 'no colours when not writing to a terminal');
  });

  test('exit 0 for a clean draft', () => {
    const result = runCli(['check', 'drafts/clean.md'], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /1 file checked: no problems\./);
  });

  test('json: version 1, relative POSIX paths, LSP diagnostics with 0-based UTF-16 ranges', () => {
    const result = runCli(['check', '--format', 'json', 'drafts'], dir);
    assert.equal(result.status, 1);
    const json = JSON.parse(result.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(json.files.map((f: { path: string }) => f.path), ['drafts/clean.md', 'drafts/dirty.md']);
    const first = json.files[1].diagnostics[0];
    assert.deepEqual(first.range, { start: { line: 9, character: 159 }, end: { line: 9, character: 163 } });
    assert.equal(first.severity, 2);
    assert.equal(first.code, 'non-canonical');
    assert.equal(first.source, 'policy-lexicon');
    assert.match(first.codeDescription.href, /docs\/rules\.md#non-canonical$/);
    assert.equal(first.data, undefined, 'the rule is the code; nothing else travels with a diagnostic');
  });

  test('sarif: valid SARIF 2.1.0 with UTF-16 columns', () => {
    const result = runCli(['check', '--format', 'sarif', 'drafts'], dir);
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.equal(log.runs[0].results.length, 11);
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'drafts/dirty.md' },
      region: { startLine: 10, startColumn: 160, endLine: 10, endColumn: 164 },
    });
    // A validator that accepts anything would make this test worthless.
    assert.equal(validate({ version: '2.1.0', runs: 'not a list' }), false);
  });

  test('--fix writes the fixed draft atomically, keeps CRLF, BOM and mode, and leaves other files alone', () => {
    const crlf = '\uFEFF' + readFixture('drafts', 'dirty.md').replace(/\n/g, '\r\n');
    const file = write('drafts/dirty.md', crlf);
    fs.chmodSync(file, 0o640);
    const clean = path.join(dir, 'drafts', 'clean.md');
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(clean, old, old);
    const result = runCli(['check', '--fix', 'drafts'], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF' + readFixture('drafts', 'clean.md').replace(/\n/g, '\r\n'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.equal(fs.statSync(clean).mtimeMs, old.getTime());
    assert.deepEqual(fs.readdirSync(path.join(dir, 'drafts')).sort(), ['clean.md', 'dirty.md'], 'no temporary file left behind');
    const again = runCli(['check', '--fix', 'drafts'], dir);
    assert.equal(again.status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF' + readFixture('drafts', 'clean.md').replace(/\n/g, '\r\n'));
  });

  test('--fix-dry-run prints a unified diff and writes nothing', () => {
    const before = fs.readFileSync(path.join(dir, 'drafts', 'dirty.md'), 'utf8');
    const result = runCli(['check', '--fix-dry-run', 'drafts/dirty.md'], dir);
    assert.match(result.stdout, /^--- a\/drafts\/dirty\.md\n\+\+\+ b\/drafts\/dirty\.md\n@@ /);
    assert.match(result.stdout, /\n-.*co-chaired by the United States and Laos\./);
    assert.match(result.stdout, /\n\+.*co-chaired by the United States and Lao PDR\./);
    assert.equal(fs.readFileSync(path.join(dir, 'drafts', 'dirty.md'), 'utf8'), before);
  });

  test('--fix-dry-run: a fix that joins a wrapped name shows only the lines it changes, and the diff applies', () => {
    const before = 'Intro.\n\nThe ASEAN Defense\nMinisters Meeting-Plus met in\nBangkok.\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n';
    write('wrapped.md', before);
    const diff = runCli(['check', '--fix-dry-run', 'wrapped.md'], dir).stdout;
    const changed = diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
    assert.deepEqual(changed, ['-The ASEAN Defense', '-Ministers Meeting-Plus met in', "+The ASEAN Defence Ministers' Meeting-Plus met in"]);
    runCli(['check', '--fix', 'wrapped.md'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'wrapped.md'), 'utf8');
    assert.notEqual(fixed, before);
    assert.equal(applyPatch(before, diff), fixed);
  });

  test('--rule, --max-severity and .policy-lexicon.json change what fails', () => {
    write('one.md', 'The ADMM Plus met.\n');
    assert.equal(runCli(['check', 'one.md'], dir).status, 1);
    assert.equal(runCli(['check', '--rule', 'non-canonical=information', '--rule', 'undefined-acronym=off', 'one.md'], dir).status, 0);
    assert.equal(runCli(['check', '--max-severity', 'error', 'one.md'], dir).status, 0);
    write('.policy-lexicon.json', JSON.stringify({ rules: { 'non-canonical': 'error', 'undefined-acronym': 'off' } }));
    const result = runCli(['check', '--max-severity', 'error', 'one.md'], dir);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /error {2}"ADMM Plus"/);
  });

  test('.vscode/settings.json fills in what .policy-lexicon.json does not set', () => {
    write('one.md', 'A capacity-building program.\n');
    write('.vscode/settings.json', '{\n  // JSONC, as VS Code writes it\n  "policyLexicon.spelling": "en-US",\n}\n');
    assert.equal(runCli(['check', 'one.md'], dir).status, 0);
    write('.policy-lexicon.json', '{ "spelling": "un" }');
    assert.equal(runCli(['check', 'one.md'], dir).status, 1);
  });

  test('a broken glossary is reported at its line and column, with exit 2', () => {
    write('team.lexicon.yaml', 'version: 1\nterms:\n  - id: x\n    kind: meeting\n    name: [oops\n');
    const result = runCli(['check', 'drafts/clean.md'], dir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^team\.lexicon\.yaml:\d+:\d+: error: /m);
  });

  test('a glossary given with --glossary adds its terms', () => {
    write('extra.yaml', 'version: 1\nterms:\n  - id: xyz\n    kind: centre\n    name: Example Cyber Centre\n    acronym: XYZC\n    sources: [{ title: test }]\n');
    write('one.md', 'The XYZC met.\n');
    const without = runCli(['check', '--format', 'json', 'one.md'], dir);
    assert.deepEqual(JSON.parse(without.stdout).files[0].diagnostics.map((d: { code: string }) => d.code), ['unknown-acronym']);
    const withIt = runCli(['check', '--format', 'json', '--glossary', 'extra.yaml', 'one.md'], dir);
    assert.deepEqual(JSON.parse(withIt.stdout).files[0].diagnostics.map((d: { code: string }) => d.code), ['undefined-acronym']);
    const noBuiltin = runCli(['check', '--format', 'json', '--no-builtin', 'drafts/dirty.md'], dir);
    // Without a glossary only the rules that need none remain: no term is known.
    const codes = new Set<string>(JSON.parse(noBuiltin.stdout).files[0].diagnostics.map((d: { code: string }) => d.code));
    assert.deepEqual([...codes].sort(), ['resolution-format', 'spelling-variant', 'unknown-acronym', 'unknown-resolution']);
  });

  test('a binary or unreadable file is reported and skipped; a missing path is a usage error', () => {
    write('drafts/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const result = runCli(['check', 'drafts'], dir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /drafts\/binary\.md: skipped, binary file/);
    const missing = runCli(['check', 'nowhere.md'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nowhere\.md: no such file, folder or matching glob/);
  });

  test('globs select drafts, and policyLexicon.exclude keeps folders out', () => {
    write('node_modules/pkg/readme.md', 'The ADMM Plus met.\n');
    write('archive/old.md', 'The ADMM Plus met.\n');
    const json = (args: string[]) => JSON.parse(runCli(['check', '--format', 'json', ...args], dir).stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(json(['drafts/*.md']), ['drafts/clean.md', 'drafts/dirty.md']);
    assert.deepEqual(json(['.']), ['archive/old.md', 'drafts/clean.md', 'drafts/dirty.md']);
    write('.policy-lexicon.json', JSON.stringify({ exclude: ['**/node_modules/**', 'archive/**'] }));
    assert.deepEqual(json(['.']), ['drafts/clean.md', 'drafts/dirty.md']);
    // A folder named on the command line is checked even under an excluded path; exclusions apply beneath it.
    write('archive/node_modules/dep/readme.md', 'The ADMM Plus met.\n');
    assert.deepEqual(json(['archive']), ['archive/old.md']);
    assert.deepEqual(json(['archive/*.md']), []);
    // Beneath a folder that is named and not excluded, exclusions read paths from the working folder.
    write('drafts/private/note.md', 'The ADMM Plus met.\n');
    write('.policy-lexicon.json', JSON.stringify({ exclude: ['**/node_modules/**', 'archive/**', 'drafts/private/**'] }));
    assert.deepEqual(json(['drafts']), ['drafts/clean.md', 'drafts/dirty.md']);
    assert.deepEqual(json(['.']), ['drafts/clean.md', 'drafts/dirty.md']);
  });

  test('usage errors exit 2', () => {
    assert.equal(runCli(['check'], dir).status, 2);
    assert.equal(runCli(['check', '--format', 'xml', 'drafts'], dir).status, 2);
    assert.equal(runCli(['check', '--rule', 'nope=error', 'drafts'], dir).status, 2);
    assert.equal(runCli(['check', '--fix', '--fix-dry-run', 'drafts'], dir).status, 2);
    assert.equal(runCli(['check', '--bogus', 'drafts'], dir).status, 2);
  });

  test('POLICY_LEXICON_THREADS: two threads (one preparing, one checking) and three (each checking drafts) give the output of one thread, in input order, in every format', () => {
    // Drafts of different sizes, so the threads finish them out of order; one skipped, one with CRLF and non-BMP text.
    const dirty = readFixture('drafts', 'dirty.md');
    const seed = readFixture('drafts', 'seed-statement.md');
    // Sizes vary by a factor of up to 12, so the threads finish out of order.
    for (let i = 0; i < 40; i++) {
      const text = i % 3 === 0 ? seed.repeat(1 + ((i * 7) % 12)) : i % 3 === 1 ? dirty.replace(/\n/g, '\r\n') : `# Draft ${i} 𝒜\n\n${dirty.repeat(i % 5)}The ADMM Plus met 😀.\n`;
      write(`many/d${String(i).padStart(2, '0')}.md`, text);
    }
    write('many/d07-binary.md', Buffer.from([0x41, 0, 0x42]));
    write('.policy-lexicon.json', JSON.stringify({ rules: { 'undefined-acronym': 'error' } }));
    for (const format of ['stylish', 'json', 'sarif']) {
      const one = runCli(['check', '--format', format, 'many', 'drafts'], dir, { POLICY_LEXICON_THREADS: '1' });
      assert.equal(one.status, 1, one.stderr);
      assert.match(one.stderr, /d07-binary\.md: skipped, binary file/);
      for (const threads of ['2', '3']) assert.deepEqual(runCli(['check', '--format', format, 'many', 'drafts'], dir, { POLICY_LEXICON_THREADS: threads }), one, `${format} on ${threads} threads`);
    }
    // The order is the input order, not the order the threads finished in (40 drafts: more than the preparing thread may hold ahead).
    for (const threads of ['2', '3']) {
      const paths = JSON.parse(runCli(['check', '--format', 'json', 'many'], dir, { POLICY_LEXICON_THREADS: threads }).stdout).files.map((f: { path: string }) => f.path);
      assert.deepEqual(paths, [...paths].sort());
      assert.equal(paths.length, 40);
    }
  });

  test('POLICY_LEXICON_THREADS: a glossary error ends the run as on one thread', () => {
    for (let i = 0; i < 4; i++) write(`many/d${i}.md`, 'The ADMM Plus met in Laos.\n');
    write('bad.lexicon.json', '{ "version": 1, "terms": [ { "id": "x", "kind": "forum", "name": "X" }, ] ');
    const runs = ['1', '2', '3'].map((threads) => runCli(['check', 'many', 'nowhere.md'], dir, { POLICY_LEXICON_THREADS: threads }));
    for (const result of runs) {
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, '');
      // The configuration error alone: the run ends before the inputs are reported.
      assert.match(result.stderr, /^bad\.lexicon\.json:\d+:\d+: error: [^\n]+\n$/);
    }
    assert.deepEqual(runs[1], runs[0]);
    assert.deepEqual(runs[2], runs[0]);
  });

  test('POLICY_LEXICON_THREADS: fixes stay correct whatever it says', () => {
    for (let i = 0; i < 4; i++) write(`many/d${i}.md`, 'The ADMM Plus met in Laos.\n');
    const result = runCli(['check', '--fix', 'many'], dir, { POLICY_LEXICON_THREADS: '2' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    for (let i = 0; i < 4; i++) assert.doesNotMatch(fs.readFileSync(path.join(dir, `many/d${i}.md`), 'utf8'), /ADMM Plus|Laos/);
  });
});
