import * as fs from 'node:fs';
import * as path from 'node:path';
import { entryOf, loadGlossary, variantOf, type Glossary, type LoadResult } from './core';

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

/**
 * Reads the built-in glossary: the JSON the build wrote from it beside the bundle (checked at
 * build time, parsed in under a millisecond), else the YAML itself (compiled tests, or a JSON
 * older than the YAML). Either way entries point at the YAML, which go to definition opens.
 */
export function loadBuiltinGlossary(): LoadResult & { path: string } {
  const file = builtinGlossaryPath();
  const compiled = compiledGlossary(file);
  if (compiled) return { glossary: compiled, problems: [], path: file };
  const text = fs.readFileSync(file, 'utf8');
  return { ...loadGlossary(text, file, BUILTIN_LABEL), path: file };
}

/** The JSON the build wrote beside the built-in glossary's YAML at `file`, read; undefined when missing, older than the YAML or unreadable. */
export function compiledGlossary(file: string): Glossary | undefined {
  // Not *.lexicon.json: glossary discovery would take it for a workspace glossary.
  const json = path.join(path.dirname(file), 'builtin.glossary.json');
  try {
    if (fs.statSync(json).mtimeMs < fs.statSync(file).mtimeMs) return undefined;
    const glossary = JSON.parse(fs.readFileSync(json, 'utf8')) as Glossary;
    if (!Array.isArray(glossary?.entries)) return undefined;
    return { ...glossary, origin: file, entries: glossary.entries.map((e) => entryOf({ ...e, variants: e.variants.map(variantOf), origin: { ...e.origin, glossary: file } })) };
  } catch {
    return undefined;
  }
}
