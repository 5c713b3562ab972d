import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { sizeVerdictWith } from '../../server/src/core/size';
import { checkProperty } from '../helpers/property';
import { MAX_INTERACTIVE_LENGTH, MAX_INTERACTIVE_STRETCH, sizeVerdict } from '../../server/src/core';

suite('oversized drafts', () => {
  const paragraph = 'The ASEAN Regional Forum met. '.repeat(1000);

  test('a long draft of ordinary paragraphs is analysed while typing', () => {
    const text = Array.from({ length: 100 }, () => paragraph).join('\n\n');
    assert.ok(text.length > MAX_INTERACTIVE_STRETCH);
    assert.equal(sizeVerdict(text).oversized, false);
  });

  test('a stretch without a blank line longer than the limit is oversized, whatever the line endings', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const long = 'x'.repeat(MAX_INTERACTIVE_STRETCH + 1);
      assert.equal(sizeVerdict(`${paragraph}${eol}${eol}${long}`).oversized, true, JSON.stringify(eol));
      assert.match(sizeVerdict(`${long}${eol} \t${eol}short`).reason ?? '', /without a blank line/);
      // Lines of a paragraph are one stretch; a line of blanks between them ends it.
      const lines = Array.from({ length: 300 }, () => 'y'.repeat(1000)).join(eol);
      assert.equal(sizeVerdict(lines).oversized, true);
      assert.equal(sizeVerdict(Array.from({ length: 300 }, () => 'y'.repeat(1000)).join(`${eol}  ${eol}`)).oversized, false);
    }
  });

  test('exactly the limit is still interactive; a draft over the total limit never is', () => {
    assert.equal(sizeVerdict('z'.repeat(MAX_INTERACTIVE_STRETCH)).oversized, false);
    assert.equal(sizeVerdict('z'.repeat(MAX_INTERACTIVE_STRETCH + 1)).oversized, true);
    assert.match(sizeVerdict('a\n\n'.repeat(MAX_INTERACTIVE_LENGTH / 3 + 1)).reason ?? '', /characters \(more than/);
  });

  test('a draft oversized for its length alone is blockwise: a check can build on the last one', () => {
    assert.deepEqual(sizeVerdictWith('ab\n\ncd\n\nef', 8, 4), { oversized: true, reason: '10 characters (more than 8)', blockwise: true });
    // A stretch too long as well: one block is analysed whole, whatever the last check did.
    const stretched = sizeVerdictWith('ab\n\ncdefgh', 8, 4);
    assert.equal(stretched.oversized, true);
    assert.equal(stretched.blockwise, undefined);
    assert.match(stretched.reason ?? '', /without a blank line/);
    assert.equal(sizeVerdictWith('abcdefgh', 8, 4).blockwise, undefined);
    assert.equal(sizeVerdict('a\n\n'.repeat(MAX_INTERACTIVE_LENGTH / 3 + 1)).blockwise, true);
  });

  test('the quick bound by empty lines agrees with the line-by-line reading on any text', () => {
    // The longest stretch by definition: lines split at \r\n, \r or \n; a line of only spaces and
    // tabs that ends with a line break closes the stretch before it.
    const longest = (text: string): number => {
      let from = 0;
      let max = 0;
      let offset = 0;
      const parts = text.split(/(\r\n|\r|\n)/);
      for (let i = 0; i < parts.length; i += 2) {
        const line = parts[i];
        const broken = i + 1 < parts.length;
        if (broken && /^[ \t]*$/.test(line)) {
          max = Math.max(max, offset - from);
          from = offset + line.length;
        }
        offset += line.length + (broken ? parts[i + 1].length : 0);
      }
      return Math.max(max, text.length - from);
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\n', '\r'), maxLength: 80 });
    checkProperty(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (t, limit) => {
        assert.equal(sizeVerdictWith(t, 1e9, limit).oversized, longest(t) > limit);
      }),
      3000,
    );
  });
});
