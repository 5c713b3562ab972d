import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/core/markdown/blocks';
import { lineStarts, positionAt } from '../../server/src/core/text';
import { checkProperty } from '../helpers/property';

// Findings are positioned from the parse's line starts, not by the TextDocument: both must give
// LSP the same position for every offset, line endings of every kind included.
const PIECES = ['a', 'Word ', '\n', '\r\n', '\r', '\r\r\n', '\n\n', '\uFEFF', '\u0000', '\uD83D\uDE00', '\u2028', '# ', '- ', '> ', '```\n', '---\n'];

function agrees(text: string): void {
  const doc = TextDocument.create('file:///t.md', 'markdown', 1, text);
  const parsed = parseDocument(text).lineStart;
  assert.deepEqual(parsed, lineStarts(text));
  for (let offset = -1; offset <= text.length + 1; offset++) {
    assert.deepEqual(positionAt(text, parsed, offset), doc.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
  }
}

suite('positionAt', () => {
  test('examples: CRLF, lone CR, a BOM, the end of the text', () => {
    for (const text of ['', '\r\n', 'ab\r\ncd', 'a\rb\r\n\r\nc\n', '\uFEFFTitle\r\n\r\nText', 'no break']) agrees(text);
    // Between "\r" and "\n" counts as before the "\r", as in the TextDocument.
    assert.deepEqual(positionAt('ab\r\ncd', [0, 4], 3), { line: 0, character: 2 });
  });

  test('is the TextDocument\'s position for every offset of random texts', () => {
    checkProperty(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => agrees(pieces.join(''))),
      300,
    );
  });
});
