import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { GlossaryIndex, type Entry, type Glossary } from '../../server/src/core';
import type { FormRef, FormType } from '../../server/src/core/glossary/glossaryIndex';
import { formKey, isAllCaps, plainPunctuation } from '../../server/src/core/text';
import { checkProperty, propertyTimeout } from '../helpers/property';

/**
 * The index's table of forms, built the way it was before it was made cheaper for large
 * glossaries (filter, spread and sort per shared key; regexes for `acronymLike`): the reference.
 */
function referenceForms(glossaries: readonly Glossary[]): Map<string, FormRef[]> {
  const entries = new Map<string, Entry>();
  for (const glossary of glossaries) for (const entry of glossary.entries) entries.set(entry.id, entry);
  const rank = (type: FormType) => (type === 'name' || type === 'acronym' ? 2 : type === 'accepted' ? 1 : 0);
  const forms = new Map<string, FormRef[]>();
  const add = (entry: Entry, type: FormType, text: string, variant?: Entry['variants'][number]) => {
    const key = formKey(text);
    if (key === '') return;
    const ref: FormRef = { entry, type, text, variant, acronymLike: !/\s/.test(text.trim()) && isAllCaps(text) };
    const list = forms.get(key);
    if (!list) {
      forms.set(key, [ref]);
      return;
    }
    const others = list.filter((r) => r.entry.id !== entry.id);
    if (others.length && rank(others[0].type) > rank(type)) return;
    const own = list.filter((r) => r.entry.id === entry.id);
    forms.set(key, [...own, ref].sort((a, b) => rank(b.type) - rank(a.type)));
  };
  for (const entry of entries.values()) {
    add(entry, 'name', entry.name);
    if (entry.acronym) add(entry, 'acronym', entry.acronym);
    for (const text of entry.accepted) add(entry, 'accepted', text);
    if (entry.symbol && entry.kind !== 'resolution') add(entry, 'accepted', entry.symbol);
    for (const variant of entry.variants) add(entry, 'variant', variant.text, variant);
  }
  return forms;
}

// Few letters, so that forms of different entries and glossaries often share a key (case, white space, typography).
const formText = fc
  .array(fc.constantFrom('a', 'A', 'b', 'B', 'z', 'Z', 'ICT', 'ict', ' ', '  ', '\t', '\u00A0', '\uFEFF', '\u2028', '’', "'", '-', '\u2013', 'é', 'É', '😀', '1'), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));
const entryArbitrary = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  kind: fc.constantFrom('body' as const, 'resolution' as const, 'report' as const),
  name: formText,
  acronym: fc.option(formText, { nil: undefined }),
  accepted: fc.array(formText, { maxLength: 3 }),
  symbol: fc.option(formText, { nil: undefined }),
  variants: fc.array(formText.map((text) => ({ text, status: 'deprecated' as const })), { maxLength: 3 }),
});
const glossaryArbitrary = fc.uniqueArray(entryArbitrary, { selector: (e) => e.id, maxLength: 5 }).map(
  (entries): Glossary => ({
    origin: 'g.lexicon.json',
    label: 'g',
    entries: entries.map((e, line) => ({ ...e, expand: false, sources: [], related: [], dates: {}, origin: { glossary: 'g', label: 'g', line, character: 0 } })),
  }),
);

suite('glossary index', function () {
  this.timeout(propertyTimeout(60000));

  test('a form key collapses white space as one replace of every run would', () => {
    checkProperty(
      fc.property(fc.oneof(formText, fc.string({ maxLength: 12, unit: 'binary' })), (text) => {
        assert.equal(formKey(text), plainPunctuation(text).replace(/\s+/g, ' ').trim().toLowerCase());
      }),
      1000,
    );
  });

  test('forms sharing a key, within and across glossaries, are kept as the reference keeps them', () => {
    checkProperty(
      fc.property(fc.array(glossaryArbitrary, { minLength: 1, maxLength: 3 }), (glossaries) => {
        const index = new GlossaryIndex(glossaries);
        assert.deepEqual([...index.forms], [...referenceForms(glossaries)]);
      }),
      500,
    );
  });

  test('a lookup answers with the form written exactly (punctuation and spacing aside), else the first of its key', () => {
    const plain = (text: string) => plainPunctuation(text).replace(/\s+/g, ' ');
    let shared = 0;
    checkProperty(
      fc.property(fc.array(glossaryArbitrary, { minLength: 1, maxLength: 3 }), (glossaries) => {
        const index = new GlossaryIndex(glossaries);
        for (const refs of index.forms.values()) {
          if (refs.length > 1) shared++;
          for (const written of refs.flatMap((r) => [r.text, r.text.toUpperCase(), r.text.toLowerCase(), r.text.replace(/ /g, '  ')])) {
            if (formKey(written) !== formKey(refs[0].text)) continue;
            const expected = refs.find((r) => plain(r.text) === plain(written)) ?? refs[0];
            assert.equal(index.lookup(written)?.ref, expected, `${JSON.stringify(written)} among ${JSON.stringify(refs.map((r) => r.text))}`);
          }
        }
      }),
      500,
    );
    // Keys with several forms (that differ in case or spacing) are where the choice is made.
    assert.ok(shared > 50, `only ${shared} keys with several forms`);
  });
});
