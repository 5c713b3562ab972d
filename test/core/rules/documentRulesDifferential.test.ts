import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DocumentAnalyser, type DocumentAnalysis } from '../../../server/src/core/analysis';
import { GlossaryIndex } from '../../../server/src/core/glossary/glossaryIndex';
import { inconsistentForm } from '../../../server/src/core/rules/inconsistentForm';
import { repeatedExpansion } from '../../../server/src/core/rules/repeatedExpansion';
import { DEFAULT_CHECK_OPTIONS, type RawFinding, type RuleContext } from '../../../server/src/core/rules/types';
import { undefinedAcronym } from '../../../server/src/core/rules/undefinedAcronym';
import { applyTextEdit, draftArbitrary, editArbitrary, longDraftArbitrary, resolveEdit } from '../../fuzz/drafts';
import { builtinGlossary } from '../../helpers/fixtures';
import { checkProperty } from '../../helpers/property';
import { inconsistentFormReference, undefinedAcronymReference } from './documentRulesReference';

/**
 * Three document rules read only the mentions that can matter to them (each entry's mentions,
 * the blocks with a "Full Name (ACR)") instead of walking all of them; these tests hold them to
 * the rules that walked everything, on random drafts and after random edits, where the analysis
 * carries those lists on from the blocks before the edit.
 */
const GLOSSARIES = [builtinGlossary()];

const plain = (findings: readonly RawFinding[]) => findings.map((f) => ({ ...f }));

suite('document rules against walking every mention', () => {
  test('the same findings, in the same order, before and after edits', () => {
    const index = new GlossaryIndex(GLOSSARIES);
    const found = { undefined: 0, inconsistent: 0, repeated: 0 };
    const compare = (analysis: DocumentAnalysis) => {
      const context = { text: analysis.text, analysis, index, options: DEFAULT_CHECK_OPTIONS };
      // The rule as it was visited every block; the same analysis with every block listed does that.
      const everyBlock: DocumentAnalysis = { ...analysis, expansionBlocks: analysis.blocks.map((_, b) => b) };
      const pairs: Array<[keyof typeof found, (c: RuleContext) => RawFinding[], () => RawFinding[]]> = [
        ['undefined', (c) => undefinedAcronym.check(c), () => undefinedAcronymReference(context)],
        ['inconsistent', (c) => inconsistentForm.check(c), () => inconsistentFormReference(context)],
        ['repeated', (c) => repeatedExpansion.check(c), () => repeatedExpansion.check({ ...context, analysis: everyBlock })],
      ];
      for (const [name, check, reference] of pairs) {
        const expected = plain(reference());
        assert.deepEqual(plain(check(context)), expected, name);
        found[name] += expected.length;
      }
    };
    checkProperty(
      fc.property(fc.oneof(draftArbitrary(GLOSSARIES), longDraftArbitrary(GLOSSARIES)), fc.array(editArbitrary(GLOSSARIES), { maxLength: 6 }), (start, edits) => {
        const analyser = new DocumentAnalyser();
        let text = start;
        compare(analyser.analyse(text, index));
        for (const relative of edits) {
          text = applyTextEdit(text, resolveEdit(text, relative));
          compare(analyser.analyse(text, index));
        }
      }),
      200,
    );
    // The drafts must give each rule something to find, or the comparison proves nothing.
    for (const [name, count] of Object.entries(found)) assert.ok(count > 0, `no ${name} finding in any draft`);
  });

  test('inconsistent forms of one entry, written in turn', () => {
    const index = new GlossaryIndex(GLOSSARIES);
    const text = 'Capacity building matters. Capacity-building too, and capacity building, and Capacity-Building.\n\ncyberspace and cyber space and Cyberspace.\n';
    const analysis = new DocumentAnalyser().analyse(text, index);
    const context = { text, analysis, index, options: DEFAULT_CHECK_OPTIONS };
    const expected = plain(inconsistentFormReference(context));
    assert.ok(expected.length >= 2, JSON.stringify(expected));
    assert.deepEqual(plain(inconsistentForm.check(context)), expected);
  });
});
