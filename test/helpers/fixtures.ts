import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, loadGlossary, type Glossary, type LexiconService } from '../../server/src/core';
import { loadBuiltinGlossary } from '../../server/src/builtin';

/** The repository root, from the compiled test file in out/test/... or from the source. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

export function fixturePath(...parts: string[]): string {
  return path.join(ROOT, 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixturePath(...parts), 'utf8');
}

export function glossaryFixture(name: string): Glossary {
  const result = loadGlossary(readFixture('glossaries', name), fixturePath('glossaries', name), name);
  if (!result.glossary || result.problems.length) throw new Error(`bad fixture ${name}: ${JSON.stringify(result.problems)}`);
  return result.glossary;
}

export function builtinGlossary(): Glossary {
  const result = loadBuiltinGlossary();
  if (!result.glossary) throw new Error(`built-in glossary failed to load: ${JSON.stringify(result.problems)}`);
  return result.glossary;
}

export function miniService(): LexiconService {
  return createLexiconService({ glossaries: [glossaryFixture('mini.lexicon.yaml')] });
}

export function builtinService(): LexiconService {
  return createLexiconService({ glossaries: [builtinGlossary()] });
}

let version = 0;
export function doc(text: string, uri = `file:///test/draft-${++version}.md`): TextDocument {
  return TextDocument.create(uri, 'markdown', 1, text);
}

/** Splits a snippet at its `$0` cursor marker: the text without it, and the marker's offset. */
export function cursor(snippet: string): { text: string; offset: number } {
  const offset = snippet.indexOf('$0');
  if (offset < 0) throw new Error('snippet has no $0 marker');
  return { text: snippet.slice(0, offset) + snippet.slice(offset + 2), offset };
}

/** Each mention as [written text, entry id or `resolution:N`]. */
export function mentionsOf(service: LexiconService, text: string): Array<[string, string]> {
  const analysis = service.analyse(doc(text));
  return analysis.mentions.map((m) => [m.text, m.entry ? m.entry.id : `resolution:${m.citation?.number}`]);
}
