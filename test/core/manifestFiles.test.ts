import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/fixtures';

const FILE_KEYS = new Set(['path', 'url', 'markdown', 'image', 'icon']);

suite('package.json references files that exist', () => {
  test('every file the manifest names is in the repository', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const files = new Set<string>();
    const visit = (value: unknown, key: string | undefined) => {
      if (typeof value === 'string') {
        // A relative file path: has an extension, is not a codicon like "$(refresh)" nor a URL.
        if (key && FILE_KEYS.has(key) && /\.[a-z]+$/i.test(value) && !value.startsWith('$(') && !/^[a-z]+:/i.test(value)) files.add(value.replace(/^\.\//, ''));
      } else if (Array.isArray(value)) value.forEach((v) => visit(v, key));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    visit(manifest.contributes, undefined);
    visit(manifest.icon, 'icon');
    assert.ok(files.size >= 8, [...files].join(', '));
    for (const file of files) assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} is named in package.json but missing`);
  });
});
