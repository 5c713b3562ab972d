import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { lineMarkingState } from '../../server/src/core/markdown/blocks';
import { checkProperty } from '../helpers/property';

suite("markdown-it's block state, marked by native searches", () => {
  const plain = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  const marked = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  marked.block.State = lineMarkingState(plain.block.State);
  const pieces = [' ', '  ', '\t', '\n', '\n\n', 'a', 'Word', '- ', '1. ', '> ', '    code', '```', '# ', '|a|b|', '\u00a0', '\r', '\u0000', '😀'];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((parts) => parts.join(''));

  test('every field and its value are markdown-it\'s, in its order', () => {
    checkProperty(
      fc.property(texts, (src) => {
        const expected = new plain.block.State(src, plain, {}, []);
        const actual = new marked.block.State(src, marked, {}, []);
        assert.deepEqual(Object.keys(actual), Object.keys(expected));
        for (const key of Object.keys(expected) as Array<keyof typeof expected>) {
          if (key === 'md') continue;
          assert.deepEqual(actual[key], expected[key], `${key} of ${JSON.stringify(src)}`);
        }
        assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected));
      }),
      3000,
    );
  });

  test('a last line of only spaces and tabs is no line, as in markdown-it', () => {
    for (const src of ['a\n  ', 'a\n\t', ' ', 'a\n \t\n', 'a ', '']) {
      assert.deepEqual(new marked.block.State(src, marked, {}, []).bMarks, new plain.block.State(src, plain, {}, []).bMarks, JSON.stringify(src));
    }
  });

  test('the block parse gives the same tokens', () => {
    checkProperty(
      fc.property(texts, (src) => {
        const expected: MarkdownIt.Token[] = [];
        const actual: MarkdownIt.Token[] = [];
        plain.block.parse(src, plain, {}, expected);
        marked.block.parse(src, marked, {}, actual);
        assert.deepEqual(actual, expected, JSON.stringify(src));
      }),
      2000,
    );
  });
});
