import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { InOrder } from '../../server/src/inOrder';
import { checkProperty } from '../helpers/property';

suite('cli: results of several threads are taken in input order', () => {
  test('any arrival order gives the input order, each result as soon as the ones before it are in', () => {
    checkProperty(
      fc.property(fc.integer({ min: 1, max: 40 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })), (arrival) => {
        const taken: Array<[number, string]> = [];
        const order = new InOrder<string>(arrival.length, (i, value) => taken.push([i, value]));
        arrival.forEach((i, k) => {
          const all = order.put(i, `result ${i}`);
          // Everything before the lowest index still missing has been taken, nothing after it.
          const missing = [...Array(arrival.length).keys()].find((j) => !arrival.slice(0, k + 1).includes(j)) ?? arrival.length;
          assert.equal(taken.length, missing);
          assert.equal(all, missing === arrival.length);
        });
        assert.deepEqual(taken, arrival.map((_, i) => [i, `result ${i}`]));
      }),
      300,
    );
  });
});
