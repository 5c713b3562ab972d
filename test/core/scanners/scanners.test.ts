import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { maskInline, type Block } from '../../../server/src/core/markdown/blocks';
import { classOf, tableClass, tokenize } from '../../../server/src/core/rules/common';
import { draftArbitrary } from '../../fuzz/drafts';
import { builtinGlossary } from '../../helpers/fixtures';
import { checkProperty, propertyTimeout } from '../../helpers/property';
import { maskInlineReference, tokenizeReference } from './reference';

/**
 * `maskInline` and `tokenize` were rewritten as char-code scanners; these tests hold them to
 * the old regex-based implementations (reference.ts) on random text made of the pieces each
 * one treats specially, on random drafts and on any UTF-16 string.
 */

const PIECES = [
  'a', 'Z', 'é', 'ÿ', 'ɏ', 'ɐ', '0', '9', 'ASEAN', 'U.S.', "Leaders'", 'Ministers’', 'R&D', 'co-chairs', 'h', 'f', 'w', 'm', 'with', 'from',
  'http://x.org/a_b', 'https://un.org/en).', 'ftp://f', 'www.asean.org,', 'mailto:a@b.c', 'http', 'www', 'mailto',
  '`', '``', '`code`', '<', '>', '<!--', '-->', '<!-- note -->', '<span>', '</b>', '<br/>', '<https://a.b>', '<a@b.c>', '<x y="1">',
  '[', ']', '(', ')', '[link](https://a.b/(c))', '[ref][label]', '][', '](', '\\', '\\*', '\\_', '\\[', '\\`',
  '*', '**', '_', '__', 'a_b', '_a', 'a_', '~', '~~', '.', ',', ';', ':', '!', '?', '"', "'", '&', '-', '/', '|', '#',
  ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r\n\r\n', '\n \n', '\n\t\r\n', '\u00A0', '\u2028', '\u3000', '\uFEFF', '\u000B',
  '\u0001', '😀', '𝒜', '\uD800', '\uDC00', '中文', 'Москва', 'Δ',
];

const PIECED = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(''));
const ANY = fc.string({ maxLength: 200, unit: 'binary' });
const TEXT = fc.oneof({ weight: 4, arbitrary: PIECED }, { weight: 1, arbitrary: ANY }, { weight: 1, arbitrary: draftArbitrary([builtinGlossary()]) });

const block = (prose: string, start: number) => ({ prose, start }) as Block;

suite('scanners: the rewrites give what the regex-based references give', () => {
  test('maskInline', function () {
    this.timeout(propertyTimeout(60_000));
    checkProperty(fc.property(TEXT, (text) => assert.deepEqual(maskInline(text), maskInlineReference(text))), 3000);
  });

  test('tokenize', function () {
    this.timeout(propertyTimeout(60_000));
    checkProperty(fc.property(TEXT, fc.nat(1000), (text, start) => assert.deepEqual(tokenize(block(text, start)), tokenizeReference(block(text, start)))), 3000);
  });

  test('the class table tokenize reads is its predicates, for every code unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (tableClass(c) !== classOf(c)) wrong.push(c);
    assert.deepEqual(wrong, []);
  });

  test('tokenize on blocks longer than the room it reuses (grown, then given back)', function () {
    this.timeout(propertyTimeout(60_000));
    const long = fc.array(PIECED, { minLength: 40, maxLength: 120 }).map((parts) => parts.join(' w '));
    checkProperty(fc.property(long, fc.nat(1000), (text, start) => {
      assert.deepEqual(tokenize(block(text, start)), tokenizeReference(block(text, start)));
      // A short block right after: what the long one left in the room must not show.
      assert.deepEqual(tokenize(block('U.S. and Leaders\'.', start)), tokenizeReference(block('U.S. and Leaders\'.', start)));
    }), 200);
  });

  test('maskInline on blocks longer than the room it reuses (grown, then given back)', function () {
    this.timeout(propertyTimeout(60_000));
    // Past 65,536 characters the copy maskInline scans is given back after the block.
    const long = fc.array(PIECED, { minLength: 3000, maxLength: 3500 }).map((parts) => parts.join(' w '));
    checkProperty(fc.property(long, (text) => {
      assert.deepEqual(maskInline(text), maskInlineReference(text));
      // A short block right after: what the long one left in the room must not show (it ends in a code span's opening).
      assert.deepEqual(maskInline('a `'), maskInlineReference('a `'));
    }), 20);
  });

  test('tokenize on masked prose, as the rules see it', function () {
    this.timeout(propertyTimeout(60_000));
    checkProperty(fc.property(TEXT, (text) => {
      const prose = maskInline(text).masked;
      assert.deepEqual(tokenize(block(prose, 0)), tokenizeReference(block(prose, 0)));
    }), 1000);
  });

  test('examples: what changes and what stays', () => {
    const text = 'See `x` <!-- c --> [a](u) *b* snake_case _i_ http://a.b.\r\n\r\nNext';
    assert.deepEqual(maskInline(text), maskInlineReference(text));
    assert.equal(maskInline(text).masked, 'See \u0001\u0001\u0001 \u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001 [a]\u0001\u0001\u0001  b  snake_case  i  \u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001\u0001.\r\n\r\nNext');
    const tokens = tokenize(block('The U.S. Partnership. R&D\n \nLeaders\' "x" y', 10));
    assert.deepEqual(tokens, tokenizeReference(block('The U.S. Partnership. R&D\n \nLeaders\' "x" y', 10)));
    assert.deepEqual(tokens.map((t) => [t.text, t.breakAfter]), [['The', false], ['U.S.', false], ['Partnership', true], ['R&D', true], ['Leaders', true], ['x', true], ['y', false]]);
  });
});
