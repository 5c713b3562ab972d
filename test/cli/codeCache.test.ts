import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileOf, loadBundle } from '../../server/src/codeCache';
import { ROOT } from '../helpers/fixtures';

suite('cli: the code cache', () => {
  let dir: string;
  let bundle: string;
  // A bundle whose top level and a function called once are compiled, as the CLI's are.
  const source = (value: string) => `exports.value = ${value};\nexports.twice = (x) => x * 2;\nexports.twice(1);\n`;

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-cache-'));
    bundle = path.join(dir, 'bundle.js');
    fs.writeFileSync(bundle, source('41 + 1'));
  });
  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('without a cache the bundle is compiled from its source; with the one it wrote, from the cache', () => {
    const first = loadBundle(bundle);
    assert.equal(first.cached, false);
    assert.equal(first.exports.value, 42);
    assert.equal(first.writeCache(), true);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['bundle.js', 'bundle.js.cache'], 'no temporary file is left');
    const second = loadBundle(bundle);
    assert.equal(second.cached, true);
    assert.equal(second.exports.value, 42);
    assert.equal((second.exports.twice as (x: number) => number)(21), 42);
  });

  test('a bundle rebuilt to the same length never runs the bytecode cached for the old one', () => {
    loadBundle(bundle).writeCache();
    fs.writeFileSync(bundle, source('40 + 1'));
    const loaded = loadBundle(bundle);
    assert.equal(loaded.cached, false);
    assert.equal(loaded.exports.value, 41);
  });

  test('a damaged, cut or empty cache is ignored', () => {
    loadBundle(bundle).writeCache();
    const cache = fs.readFileSync(cacheFileOf(bundle));
    // The header kept, a byte of V8's data changed, as a bad disk would: V8 itself would take it.
    const damaged = Buffer.from(cache);
    damaged[damaged.length - 9] ^= 0x5a;
    for (const data of [damaged, cache.subarray(0, cache.length - 1), cache.subarray(0, 12), Buffer.alloc(0)]) {
      fs.writeFileSync(cacheFileOf(bundle), data);
      const loaded = loadBundle(bundle);
      assert.equal(loaded.cached, false);
      assert.equal(loaded.exports.value, 42);
    }
  });

  for (const name of ['cli-main.js', 'cli-prepare.js']) {
    test(`the build wrote the cache of the CLI's ${name}, and Node takes it`, () => {
      // In a process of its own, started as `policy-lexicon` is (V8 takes a cache only under the flags that wrote it).
      const script = `process.stdout.write(String(require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'codeCache.js'))}).loadBundle(${JSON.stringify(path.join(ROOT, 'dist', name))}).cached))`;
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(result.stderr, '');
      assert.equal(result.stdout, 'true');
    });
  }
});
