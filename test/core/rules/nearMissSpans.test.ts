import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Mention } from '../../../server/src/core/analysis';
import { firstNear, nearMentions, overlapsAny, spanIndex } from '../../../server/src/core/rules/nearMiss';
import { checkProperty } from '../../helpers/property';

/**
 * near-miss looks up a window's overlapping mentions and names by binary search (one block of a
 * draft on one line has tens of thousands); these hold the look-ups to reading every span.
 */

const SPAN = fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 60 })).map(([start, length]) => ({ start, end: start + length }));
const RANGE = fc.tuple(fc.nat(260), fc.integer({ min: 1, max: 60 })).map(([from, length]) => ({ from, to: from + length }));

suite('rule near-miss: overlap look-ups', () => {
  test('overlapsAny is whether any span overlaps, nested and overlapping spans too', () => {
    checkProperty(fc.property(fc.array(SPAN, { maxLength: 40 }), RANGE, (spans, { from, to }) => {
      assert.equal(overlapsAny(spanIndex(spans), from, to), spans.some((s) => s.start < to && s.end > from));
    }), 3000);
  });

  test('from firstNear on, in text order up to the window, come exactly the mentions that reach into it', () => {
    checkProperty(fc.property(fc.array(SPAN, { maxLength: 40 }), RANGE, (spans, { from, to }) => {
      const mentions = spans.sort((a, b) => a.start - b.start) as unknown as Mention[];
      const near = nearMentions(mentions);
      const found: number[] = [];
      for (let k = firstNear(near, from); k < mentions.length && mentions[k].start < to; k++) if (mentions[k].end > from) found.push(k);
      const expected = mentions.flatMap((m, k) => (m.start < to && m.end > from ? [k] : []));
      assert.deepEqual(found, expected);
    }), 3000);
  });
});
