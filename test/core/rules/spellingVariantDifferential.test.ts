import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService } from '../../../server/src/core';
import { asciiHash, spellingVariant } from '../../../server/src/core/rules/spellingVariant';
import { SPELLING_FAMILIES } from '../../../server/src/core/rules/spellingData';
import { DEFAULT_CHECK_OPTIONS, type SpellingProfile } from '../../../server/src/core/rules/types';
import { draftArbitrary } from '../../fuzz/drafts';
import { builtinGlossary } from '../../helpers/fixtures';
import { checkProperty, propertyTimeout } from '../../helpers/property';
import { spellingVariantReference } from './spellingVariantReference';

/**
 * spelling-variant passes most words by a hash of their characters; this holds it to the
 * reference that cut, lower-cased and looked up every word, block by block, under each profile.
 */

const SPELLINGS = SPELLING_FAMILIES.flatMap((f) => [...f.us, ...f.un, ...f.gb]);
// The same words in other cases, with letters toLowerCase maps into ASCII (the Kelvin sign) or out of it, and neighbours.
const WORDS = fc.oneof(
  fc.constantFrom(...SPELLINGS),
  fc.constantFrom(...SPELLINGS).map((w) => w.toUpperCase()),
  fc.constantFrom(...SPELLINGS).map((w) => w[0].toUpperCase() + w.slice(1)),
  fc.constantFrom(...SPELLINGS).map((w) => w.replace(/k/g, '\u212A').replace(/i/g, '\u0130')),
  fc.constantFrom('computer', 'Software', 'programs', 'Program', "organisation's", 'défense', 'Centre', 'U.S.', 'ASEAN', 'ICTs', '😀', 'x'),
);
const JOINS = fc.constantFrom(' ', ' ', '  ', '\n', '-', ', ', '. ', ' (', ') ', '\u00A0', ' **', '** ', ' `x` ');
const PROSE = fc.array(fc.tuple(WORDS, JOINS), { maxLength: 60 }).map((parts) => parts.map(([w, j]) => w + j).join(''));
const PROFILE = fc.constantFrom<Exclude<SpellingProfile, 'off'>>('un', 'en-GB', 'en-US');

suite('rule spelling-variant: the hash filter finds what the reference finds', () => {
  const glossary = builtinGlossary();
  const service = createLexiconService({ glossaries: [glossary] });

  const compare = (text: string, spelling: SpellingProfile): number => {
    const doc = TextDocument.create('file:///draft.md', 'markdown', 1, text);
    const analysis = service.analyse(doc);
    const options = { ...DEFAULT_CHECK_OPTIONS, spelling };
    let agreed = 0;
    let m = 0;
    analysis.blocks.forEach((block, b) => {
      const first = m;
      while (m < analysis.mentions.length && analysis.mentions[m].block === b) m++;
      const context = { text, analysis, index: service.index(), options, block, blockIndex: b, mentions: analysis.mentions.slice(first, m) };
      const expected = spellingVariantReference(context);
      assert.deepEqual(spellingVariant.checkBlock(context), expected, `block ${b}: ${JSON.stringify(text.slice(block.start, block.end))}`);
      agreed += expected.length;
    });
    service.forget(doc.uri);
    return agreed;
  };

  test('prose full of spellings, in every case, beside names and other words', function () {
    this.timeout(propertyTimeout(60_000));
    let agreed = 0;
    checkProperty(fc.property(PROSE, PROFILE, (text, profile) => void (agreed += compare(text, profile))), 500);
    assert.ok(agreed > 500, `only ${agreed} findings`);
  });

  test('the hash is of the lower-cased word, and only of an ASCII one', () => {
    // No spelling has a letter that toLowerCase brings into ASCII from outside it (the Kelvin
    // sign gives "k"), so the prose above cannot show what passing such a word by its hash would miss.
    const units = (s: string) => Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
    checkProperty(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('\u212Aey', 'Program', 'ORGANISATION', 'défense')), (word) => {
      const hash = asciiHash(units(word), 0, word.length);
      assert.equal(hash !== undefined, /^[\x00-\x7f]*$/.test(word));
      if (hash !== undefined) assert.equal(hash, asciiHash(units(word.toLowerCase()), 0, word.length));
    }), 2000);
  });

  test('random drafts', function () {
    this.timeout(propertyTimeout(60_000));
    checkProperty(fc.property(draftArbitrary([glossary]), PROFILE, (text, profile) => void compare(text, profile)), 150);
  });
});
