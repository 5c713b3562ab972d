import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGlossary, type LoadResult } from './core';

/** The label hover shows for built-in entries. */
export const BUILTIN_LABEL = 'the built-in glossary';

/**
 * Where the built-in glossary is: beside the bundle in `dist/` (as shipped), or in the
 * source tree when running from compiled tests.
 */
export function builtinGlossaryPath(): string {
  const candidates = [
    path.join(__dirname, 'builtin.lexicon.yaml'),
    path.resolve(__dirname, '..', 'glossary', 'builtin.lexicon.yaml'),
    path.resolve(__dirname, '..', '..', '..', 'server', 'glossary', 'builtin.lexicon.yaml'),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

/** Reads and validates the built-in glossary. */
export function loadBuiltinGlossary(): LoadResult & { path: string } {
  const file = builtinGlossaryPath();
  const text = fs.readFileSync(file, 'utf8');
  return { ...loadGlossary(text, file, BUILTIN_LABEL), path: file };
}
