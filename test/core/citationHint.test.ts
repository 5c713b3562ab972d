import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CITATION, mayHoldCitation, SYMBOL } from '../../server/src/core/match';
import { checkProperty } from '../helpers/property';

/**
 * findCitations skips a block when `mayHoldCitation` says it cannot hold one; that must never
 * skip text either citation pattern matches.
 */
const PIECES = [
  'resolution', 'Resolution', 'RESOLUTIONS', 'res.', 'Res', 'rES', 're', 's', 'A/RES/', 'a/res/', 'General Assembly', 'UNGA', 'GA', ' and ', ', ',
  '71', '7', '/', '-', ' ', '\n', '\u00A0', '\t', '28', '2019', '1', '/28', '-28', ' / ', 'x', 'é', '😀', 'progress', 'address',
];
/** Something close to a citation: a keyword, a space or not, a number with a separator, each part perhaps changed. */
const NEAR_CITATION = fc
  .tuple(fc.constantFrom('', 'General Assembly ', 'GA ', 'UNGA\n'), fc.constantFrom('resolution', 'Resolutions', 'res.', 'RES', 'A/RES/', 'A/res/', 'rez'), fc.constantFrom(' ', '', '\u00A0', '  '), fc.constantFrom('71', '7', '1234', ''), fc.constantFrom('/', '-', ' / ', '  /', ''), fc.constantFrom('28', '2019', '12345', ''))
  .map((parts) => parts.join(''));
const TEXT = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...PIECES), NEAR_CITATION), { maxLength: 30 }).map((p) => p.join('')),
  fc.string({ maxLength: 60, unit: 'binary' }),
);

suite('citation hint', () => {
  test('text a citation pattern matches always may hold a citation', () => {
    let cited = 0;
    checkProperty(
      fc.property(TEXT, (text) => {
        const matches = new RegExp(CITATION).test(text) || new RegExp(SYMBOL).test(text);
        if (matches) cited++;
        if (!mayHoldCitation(text)) assert.ok(!matches, JSON.stringify(text));
      }),
      5000,
    );
    // The generated texts must hold citations often enough for the test to mean something.
    assert.ok(cited > 50, `only ${cited} texts with a citation`);
  });

  test('examples', () => {
    assert.equal(mayHoldCitation('resolution 71/28'), true);
    assert.equal(mayHoldCitation('A/RES/71/28'), true);
    assert.equal(mayHoldCitation('resolution 71 - 28'), true);
    assert.equal(mayHoldCitation('The ASEAN Regional Forum met on 2016-01-01.'), false);
    assert.equal(mayHoldCitation('The resolution was adopted.'), false);
  });
});
