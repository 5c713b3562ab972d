import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, type CheckOptions, type Finding, type LexiconService } from '../../server/src/core';
import { checkProperty, propertyTimeout, scaledRuns } from '../helpers/property';
import { ALL_RULES, FUZZ_GLOSSARIES, strictService } from '../fuzz/checks';
import { applyTextEdit, draftArbitrary, editArbitrary, resolveEdit, type RelativeEdit } from '../fuzz/drafts';

/**
 * Properties of the core over random drafts and random edits (see test/fuzz/drafts.ts for
 * what the drafts are made of). Every rule is switched on, at information level, so that
 * everything the core can find is exercised. A failure prints the seed: FC_SEED=... npm test.
 */

const GLOSSARIES = FUZZ_GLOSSARIES;
const DRAFT = draftArbitrary(GLOSSARIES);
const EDITS = fc.array(editArbitrary(GLOSSARIES), { minLength: 1, maxLength: 12 });

let uris = 0;
const newDoc = (text: string) => TextDocument.create(`file:///fuzz/draft-${++uris}.md`, 'markdown', 1, text);

/**
 * The incremental side of the incremental-versus-scratch property: one service and one
 * document, updated edit by edit as the server's TextDocuments does, analysed after each edit.
 * This is the one place to point at an edit-driven analysis path.
 */
function findingsAfterEdits(service: LexiconService, initial: string, edits: readonly RelativeEdit[], options: CheckOptions): { text: string; findings: Finding[] } {
  const doc = newDoc(initial);
  service.diagnose(doc, options);
  for (const relative of edits) {
    const edit = resolveEdit(doc.getText(), relative);
    TextDocument.update(doc, [{ range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) }, text: edit.text }], doc.version + 1);
    service.diagnose(doc, options);
  }
  return { text: doc.getText(), findings: service.diagnose(doc, options) };
}

/** The same edits applied to a plain string (the document model under test is not trusted here). */
function applyAll(initial: string, edits: readonly RelativeEdit[]): string {
  return edits.reduce((text, relative) => applyTextEdit(text, resolveEdit(text, relative)), initial);
}

function assertRangeInside(doc: TextDocument, start: number, end: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string): void {
  const length = doc.getText().length;
  assert.ok(0 <= start && start <= end && end <= length, `${what}: offsets [${start}, ${end}) outside a document of ${length}`);
  assert.deepEqual(range.start, doc.positionAt(start), `${what}: start position differs from the offset's`);
  assert.deepEqual(range.end, doc.positionAt(end), `${what}: end position differs from the offset's`);
}

suite('properties: random drafts and edits', function () {
  this.timeout(propertyTimeout(60000));

  test('the core never throws, and every range it returns is inside the document', () => {
    const service = strictService();
    checkProperty(
      fc.property(DRAFT, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (text, a, b) => {
        const doc = newDoc(text);
        const length = text.length;
        for (const f of service.diagnose(doc, ALL_RULES)) {
          assertRangeInside(doc, f.start, f.end, f.range, `${f.rule} finding`);
          for (const r of f.related) {
            const start = doc.offsetAt(r.range.start);
            assertRangeInside(doc, start, doc.offsetAt(r.range.end), r.range, `${f.rule} related`);
          }
        }
        const at = doc.positionAt(Math.floor(a * (length + 1)));
        const to = doc.positionAt(Math.floor(b * (length + 1)));
        const info = service.hover(doc, at);
        if (info) assertRangeInside(doc, doc.offsetAt(info.range.start), doc.offsetAt(info.range.end), info.range, 'hover');
        const completion = service.complete(doc, at);
        for (const item of completion.items) {
          const r = item.replace;
          assertRangeInside(doc, doc.offsetAt(r.start), doc.offsetAt(r.end), r, `completion ${item.label}`);
        }
        const [from, until] = doc.offsetAt(at) <= doc.offsetAt(to) ? [at, to] : [to, at];
        for (const action of service.codeActions(doc, { start: from, end: until }, ALL_RULES)) {
          for (const e of action.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= length, `${action.title}: edit outside the document`);
        }
        for (const token of service.semanticTokens(doc)) {
          assert.ok(token.line >= 0 && token.character >= 0 && token.length > 0, 'semantic token with a negative place or no length');
          const lineEnd = doc.offsetAt({ line: token.line + 1, character: 0 });
          assert.ok(doc.offsetAt({ line: token.line, character: token.character }) + token.length <= lineEnd, 'semantic token past its line');
        }
        for (const term of service.documentTerms(doc)) {
          assertRangeInside(doc, doc.offsetAt(term.firstRange.start), doc.offsetAt(term.firstRange.end), term.firstRange, `term ${term.id}`);
        }
        for (const hint of service.expansionHints(doc)) assert.ok(doc.offsetAt(hint.position) <= length, 'inlay hint outside the document');
      }),
      400,
    );
  });

  test('findings after any sequence of edits equal the findings of the final text analysed from scratch', () => {
    const incremental = strictService();
    const scratch = strictService();
    checkProperty(
      fc.property(DRAFT, EDITS, (initial, edits) => {
        const after = findingsAfterEdits(incremental, initial, edits, ALL_RULES);
        assert.equal(after.text, applyAll(initial, edits), 'the document after the edits is not the text the edits make');
        assert.deepEqual(after.findings, scratch.diagnose(newDoc(after.text), ALL_RULES));
      }),
      250,
    );
  });

  test('after every edit, the findings (some reused from the check before) equal those of the text analysed from scratch', () => {
    const incremental = strictService();
    const scratch = strictService();
    let reused = 0;
    checkProperty(
      fc.property(DRAFT, EDITS, (initial, edits) => {
        const doc = newDoc(initial);
        let before = incremental.diagnose(doc, ALL_RULES);
        for (const relative of edits) {
          const edit = resolveEdit(doc.getText(), relative);
          TextDocument.update(doc, [{ range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) }, text: edit.text }], doc.version + 1);
          const after = incremental.diagnose(doc, ALL_RULES);
          assert.deepEqual(after, scratch.diagnose(newDoc(doc.getText()), ALL_RULES));
          reused += after.filter((f) => before.includes(f)).length;
          before = after;
        }
        incremental.forget(doc.uri);
      }),
      150,
    );
    // The property must exercise the reuse, not only the positioning from scratch. Over seeds
    // 1-30, 150 cases reused 88-181 findings (about one per case): the bound of one per eight
    // cases fails when the reuse is switched off, not on an unlucky seed.
    if (!process.env.FC_PATH) assert.ok(reused > scaledRuns(150) / 8, `only ${reused} findings reused`);
  });

  test("every fix's edits lie inside the document and do not overlap; the primary edit is inside its finding", () => {
    const service = strictService();
    checkProperty(
      fc.property(DRAFT, (text) => {
        for (const f of service.diagnose(newDoc(text), ALL_RULES)) {
          if (!f.fix) continue;
          const edits = [...f.fix.edits].sort((x, y) => x.start - y.start);
          for (const [i, e] of edits.entries()) {
            assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${f.rule}: fix edit outside the document`);
            if (i > 0) assert.ok(edits[i - 1].end <= e.start, `${f.rule}: fix edits overlap`);
          }
          assert.ok(f.fix.edits.some((e) => f.start <= e.start && e.end <= f.end), `${f.rule} fix "${f.fix.title}" has no edit inside its finding [${f.start}, ${f.end}): ${JSON.stringify(f.fix.edits)}`);
        }
      }),
      400,
    );
  });

  test('fix-all is idempotent and changes only the ranges of fixable findings', () => {
    const service = strictService();
    checkProperty(
      fc.property(DRAFT, (text) => {
        const doc = newDoc(text);
        const fixable = service.diagnose(doc, ALL_RULES).filter((f) => f.fix);
        const edits = service.fixAll(doc, ALL_RULES);
        const fixed = applyEdits(text, edits);
        // Each edit is the fix of a finding: in the draft itself, or (for a fix that another
        // reveals, such as an expansion moved to the first use) in the draft with every other
        // fix-all edit applied.
        const covered = (findings: readonly Finding[], start: number, end: number) => findings.some((f) => f.fix && f.start <= start && end <= f.end);
        for (const e of edits) {
          if (covered(fixable, e.start, e.end)) continue;
          const others = edits.filter((x) => x !== e);
          const shift = others.filter((x) => x.end <= e.start).reduce((sum, x) => sum + x.newText.length - (x.end - x.start), 0);
          const rest = service.diagnose(newDoc(applyEdits(text, others)), ALL_RULES);
          assert.ok(covered(rest, e.start + shift, e.end + shift), `fix-all edit [${e.start}, ${e.end}) → ${JSON.stringify(e.newText)} is not the fix of any finding`);
        }
        // Everything between the edits is the original text, character for character.
        let at = 0;
        let out = 0;
        for (const e of [...edits].sort((x, y) => x.start - y.start)) {
          assert.equal(fixed.slice(out, out + (e.start - at)), text.slice(at, e.start));
          out += e.start - at + e.newText.length;
          at = e.end;
        }
        assert.equal(fixed.slice(out), text.slice(at));
        assert.deepEqual(service.fixAll(newDoc(fixed), ALL_RULES), [], 'fix-all applied twice changed something more');
      }),
      300,
    );
  });
});

