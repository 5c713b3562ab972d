import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import picomatch from 'picomatch';
import { excludeMatcher, walkFiles } from '../../server/src/glossaryFiles';
import { DEFAULT_EXCLUDE } from '../../server/src/lsp/settings';
import { checkProperty } from '../helpers/property';

/** The walk as path.join names it: every accepted file below `root`, in the walk's order. */
function joined(root: string, relatives: readonly string[]): string[] {
  return relatives.map((r) => path.join(root, ...r.split('/')));
}

suite('cli: walking a folder', () => {
  let tmp: string;
  setup(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-walk-'));
    for (const file of ['a.md', 'b/c.md', 'b/d/e.md', 'b/skip.txt', 'out/f.md', 'z.md']) {
      fs.mkdirSync(path.join(tmp, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(tmp, file), '# x\n');
    }
  });
  teardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('names each file as path.join would, however the root is spelt', () => {
    const expected = ['a.md', 'b/c.md', 'b/d/e.md', 'z.md'];
    const markdown = (name: string) => name.endsWith('.md');
    const excluded = (relative: string) => relative === 'out' || relative.startsWith('out/');
    // A trailing separator, "." and ".." segments, a doubled separator, and a relative root.
    const roots = [tmp, tmp + path.sep, path.join(tmp, 'b', '..') + path.sep + '.', `${tmp}${path.sep}${path.sep}b${path.sep}..`, path.relative(process.cwd(), tmp)];
    for (const root of roots) {
      assert.deepEqual([...walkFiles(root, markdown, excluded)], joined(root, expected), root);
    }
  });

  test('names files below the file-system root without a doubled separator', () => {
    const root = path.parse(tmp).root;
    const below = path.relative(root, tmp).split(path.sep).join('/');
    // Only the way down to the temporary folder and what is in it (the walk also asks about "<folder>/x").
    const onTheWay = (relative: string) => {
      const r = relative.endsWith('/x') ? relative.slice(0, -2) : relative;
      return r === below || below.startsWith(`${r}/`) || r.startsWith(`${below}/`);
    };
    const found = [...walkFiles(root, (name) => name === 'e.md', (relative) => !onTheWay(relative))];
    assert.deepEqual(found, [path.join(tmp, 'b', 'd', 'e.md')]);
  });
});

suite('cli: exclude globs', () => {
  test('answer as picomatch answers, for every glob and path', () => {
    // Glob pieces with the syntax the setting is likely to hold (stars, braces, classes, negation,
    // dots, a trailing slash), and path parts that meet them (dot files, "..", empty parts, and
    // names spelt like a glob, which only a glob equal to the path matches).
    const globPart = fc.constantFrom('**', '*', 'a', 'b*', '.git', 'node_modules', '{a,b}', '[ab]', '?', '!(a)', '*.md', 'x/', '.*', '+(a|b)');
    const pathPart = fc.constantFrom('a', 'b', 'ab', '.git', 'node_modules', 'x.md', '.hidden', '..', '.', '', 'a b', 'b.md', '[ab]', '{a,b}', '*', '?');
    const glob = fc.array(globPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    checkProperty(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 3 }), fc.array(fc.array(pathPart, { maxLength: 4 }).map((p) => p.join('/')), { minLength: 1, maxLength: 8 }), (globs, paths) => {
        const reference = picomatch([...globs], { dot: true });
        const excluded = excludeMatcher(globs);
        for (const p of paths) assert.equal(excluded(p), reference(p) || reference(`${p}/`), `${JSON.stringify(p)} against ${JSON.stringify(globs)}`);
      }),
      2000,
    );
  });

  test('the defaults keep dependency and version-control folders out, wherever they are', () => {
    const excluded = excludeMatcher(DEFAULT_EXCLUDE);
    for (const p of ['node_modules', 'a/node_modules', 'a/node_modules/b.md', '.git', 'x/.git/y', 'dist', 'a/out/b.md']) assert.ok(excluded(p), p);
    for (const p of ['a', 'a/b.md', 'node_modules_x', '.github/a.md', '']) assert.ok(!excluded(p), p);
  });
});
