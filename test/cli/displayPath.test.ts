import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { displayPath, displayPaths } from '../../server/src/displayPath';
import { checkProperty } from '../helpers/property';

suite('cli: file names as the output shows them', () => {
  test('names beneath the working folder are relative, others absolute, with / between parts', () => {
    const cwd = path.resolve('/work/drafts');
    assert.equal(displayPath(path.join(cwd, 'a', 'b.md'), cwd), 'a/b.md');
    assert.equal(displayPath(path.join(cwd, 'b.md'), cwd), 'b.md');
    const outside = path.resolve('/work/other/b.md');
    assert.equal(displayPath(outside, cwd), outside.split(path.sep).join('/'));
  });

  test('relating each folder once names every file as relating the file does', () => {
    // Parts that make the corner cases: the working folder itself, its parent and the root,
    // names starting with "..", and folders sharing a prefix with the working folder ("drafts2").
    const part = fc.constantFrom('drafts', 'drafts2', 'a', '..b', '..', 'x.md', '..c.md', 'work');
    const absolute = (parts: readonly string[]) => path.resolve('/', ...parts);
    checkProperty(
      fc.property(fc.array(part, { maxLength: 4 }), fc.array(fc.tuple(fc.array(part, { maxLength: 4 }), part), { minLength: 1, maxLength: 12 }), (cwdParts, files) => {
        const cwd = absolute(cwdParts);
        const shown = displayPaths(cwd);
        for (const [folder, name] of files) {
          const file = path.join(absolute(folder), name);
          // A file is never the root, nor named "..": the CLI collects Markdown files.
          if (name === '..' || file === path.parse(file).root) continue;
          assert.equal(shown(file), displayPath(file, cwd), `${file} from ${cwd}`);
        }
      }),
      500,
    );
  });
});
