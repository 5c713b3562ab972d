import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

suite('cli: terms', () => {
  let dir: string;
  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-terms-'));
    fs.mkdirSync(path.join(dir, 'drafts', 'node_modules'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'drafts', 'a.md'),
      'The ASEAN Ministerial Meeting on Transnational Crime (AMMTC) met. The AMMTC agreed.\n\n```\nTELMIN in code\n```\n\nThe ASEAN Cyber Capacity Development Project.\n',
    );
    fs.writeFileSync(path.join(dir, 'drafts', 'node_modules', 'skip.md'), 'TELMIN\n');
    fs.writeFileSync(path.join(dir, 'drafts', 'notes.txt'), 'TELMIN\n');
  });
  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints each draft\'s entries as Markdown: acronym — full name — kind — count', () => {
    const result = runCli(['terms', 'drafts'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        '## drafts/a.md',
        '',
        '### Abbreviations',
        '',
        '- AMMTC — ASEAN Ministerial Meeting on Transnational Crime — meeting — 3',
        '',
        '### Other terms',
        '',
        '- ASEAN Cyber Capacity Development Project — programme — 1',
        '',
      ].join('\n'),
    );
  });

  test('a missing path is reported and the exit code is 2', () => {
    const result = runCli(['terms', 'nope.md'], dir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /nope\.md: no such file, folder or matching glob/);
  });

  test('usage errors exit with 2 and say what is wrong', () => {
    assert.equal(runCli([], dir).status, 2);
    const unknown = runCli(['frobnicate', 'x'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    assert.equal(runCli(['terms'], dir).status, 2);
    assert.equal(runCli(['--help'], dir).status, 0);
  });
});
