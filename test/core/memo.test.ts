import * as assert from 'node:assert/strict';
import { Memo } from '../../server/src/core/analysis';

suite('a block memo', () => {
  test('keeps every key apart, two in fields and the rest in a map, and a key set again is replaced', () => {
    const memo = new Memo();
    assert.equal(memo.get('a'), undefined);
    const keys = ['a', 'b', 'c', 'd'];
    keys.forEach((key, i) => {
      memo.set(key, i);
      // Every key set so far reads back; none set yet does.
      keys.forEach((k, j) => assert.equal(memo.get(k), j <= i ? j : undefined, `${k} after ${key}`));
    });
    for (const key of keys) memo.set(key, `${key}!`);
    for (const key of keys) assert.equal(memo.get(key), `${key}!`);
    // A key built at run time finds the value stored under an equal literal.
    assert.equal(memo.get(['c'].join('')), 'c!');
  });
});
