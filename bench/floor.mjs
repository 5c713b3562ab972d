// The floor: a markdown-it parse and one RegExp alternation pass of the glossary's forms.
// `npm run bench` times it in its own process on the whole corpus as one string (the target's
// floor), and runs this file as a process of its own on the corpus folder, as the CLI is run:
//   node bench/floor.mjs <terms.txt> <folder>
// which reads each draft, parses it and makes the pass, and prints how many matches it found.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The alternation of the forms listed in `termsFile` (one a line), longest first, case-insensitive, whole words. */
export function floorPattern(termsFile) {
  const forms = fs.readFileSync(termsFile, 'utf8').split('\n').filter(Boolean).sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![A-Za-z0-9])(?:${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![A-Za-z0-9])`, 'gi');
}

/** A parser as the floor uses it: markdown-it with its defaults. */
export function floorParser() {
  const MarkdownIt = require('markdown-it');
  return new MarkdownIt();
}

/** Parses `text` and counts the pattern's matches in it. */
export function floorPass(md, pattern, text) {
  md.parse(text, {});
  let count = 0;
  for (pattern.lastIndex = 0; pattern.exec(text); ) count++;
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [termsFile, folder] = process.argv.slice(2);
  if (!termsFile || !folder) {
    console.error('usage: node bench/floor.mjs <terms.txt> <folder>');
    process.exit(2);
  }
  const pattern = floorPattern(termsFile);
  const md = floorParser();
  let count = 0;
  for (const name of fs.readdirSync(folder).sort()) {
    if (name.endsWith('.md')) count += floorPass(md, pattern, fs.readFileSync(path.join(folder, name), 'utf8'));
  }
  console.log(JSON.stringify({ matches: count }));
}
