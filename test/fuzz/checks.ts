import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, ENTRY_KINDS, loadGlossary, loadTbx, type CheckOptions, type GlossaryProblem, type LexiconService, type LoadResult } from '../../server/src/core';
import { builtinGlossary, glossaryFixture } from '../helpers/fixtures';
import { MAX_STRING_LENGTH } from '../../server/src/core/glossary/load';
import type { GlossaryFormat } from './glossaries';

/**
 * What the property tests and the long fuzz run (test/fuzz/run.ts) assert of a glossary file:
 * the loaders return a positioned error or a valid glossary that checks a draft without errors;
 * and the service the draft properties run on.
 */

/** The glossaries random drafts are checked with. */
export const FUZZ_GLOSSARIES = [builtinGlossary(), glossaryFixture('mini.lexicon.yaml')];
/** Every rule at its default severity and the UN house spelling: everything the core can find. */
export const ALL_RULES: CheckOptions = { rules: {}, spelling: 'un' };

/** A service whose logger fails the property: a rule that throws is caught by the core but is still a bug. */
export function strictService(): LexiconService {
  return createLexiconService({
    glossaries: FUZZ_GLOSSARIES,
    logger: { log: () => undefined, error: (message) => assert.fail(`the core logged an error: ${message}`) },
  });
}

export function load(format: GlossaryFormat, text: string): LoadResult {
  return format === 'tbx' ? loadTbx(text, '/fuzz/terms.tbx', 'terms.tbx') : loadGlossary(text, `/fuzz/terms.lexicon.${format}`, `terms.lexicon.${format}`);
}

/** Lines as an editor counts them (CRLF, CR or LF). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertPositioned(text: string, problem: GlossaryProblem): void {
  const lines = lineLengths(text);
  const where = `"${problem.message}" at ${problem.line}:${problem.character}-${problem.endLine}:${problem.endCharacter}`;
  assert.ok(problem.message.length > 0 && problem.message.length < 1000, `problem message empty or huge: ${where}`);
  assert.ok(problem.line >= 0 && problem.line < lines.length, `problem line outside the file (${lines.length} lines): ${where}`);
  assert.ok(problem.character >= 0 && problem.character <= lines[problem.line] + 1, `problem column outside its line: ${where}`);
  assert.ok(problem.endLine >= problem.line && problem.endLine < lines.length, `problem end outside the file: ${where}`);
}

/** Whatever a loader returns is either an error with a position or a glossary whose entries are valid. */
export function assertSound(format: GlossaryFormat, text: string, result: LoadResult): void {
  for (const problem of result.problems) assertPositioned(text, problem);
  if (!result.glossary) {
    assert.ok(result.problems.some((p) => p.severity === 'error'), 'no glossary and no error');
    return;
  }
  const ids = new Set<string>();
  for (const entry of result.glossary.entries) {
    assert.match(entry.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `entry id ${JSON.stringify(entry.id)}`);
    assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
    ids.add(entry.id);
    assert.ok((ENTRY_KINDS as readonly string[]).includes(entry.kind), `kind ${entry.kind}`);
    for (const s of [entry.name, entry.acronym, entry.definition, ...entry.accepted, ...entry.variants.map((v) => v.text)]) {
      if (s === undefined) continue;
      assert.equal(typeof s, 'string');
      assert.ok(s.length <= MAX_STRING_LENGTH + 1000, `a ${s.length}-character string was accepted`);
    }
    assert.ok(entry.name.trim().length > 0, 'empty name');
  }
  // What was accepted builds a matcher and checks a draft written with its own forms.
  const errors: string[] = [];
  const service = createLexiconService({ glossaries: [result.glossary], logger: { log: () => undefined, error: (m) => errors.push(m) } });
  const forms = result.glossary.entries.flatMap((e) => [e.name, e.acronym ?? '', ...e.accepted, ...e.variants.map((v) => v.text)]);
  const doc = TextDocument.create('file:///fuzz/draft.md', 'markdown', 1, `# ${forms[0] ?? ''}\n\n${forms.join(' and ')}.\n`);
  service.diagnose(doc, { rules: {}, spelling: 'un' });
  service.hover(doc, { line: 2, character: 1 });
  service.complete(doc, { line: 2, character: 1 });
  assert.deepEqual(errors, [], `${format}: checking a draft with this glossary logged errors`);
}

