import * as assert from 'node:assert/strict';
import { doc, miniService } from '../../helpers/fixtures';

suite('expansion inlay hints', () => {
  const service = miniService();
  const hintsOf = (text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    const d = doc(text);
    return service.expansionHints(d, range).map((h) => ({ at: d.offsetAt(h.position), label: h.label, id: h.entryId }));
  };

  test('an acronym never expanded in the draft shows its full name after it, at every use', () => {
    const text = 'The AMMTC met. The AMMTC agreed.';
    assert.deepEqual(hintsOf(text), [
      { at: text.indexOf(' met'), label: 'ASEAN Ministerial Meeting on Transnational Crime', id: 'ammtc' },
      { at: text.indexOf(' agreed'), label: 'ASEAN Ministerial Meeting on Transnational Crime', id: 'ammtc' },
    ]);
  });

  test('only the uses before the introduction get a hint; the introduction and later uses do not', () => {
    const text = 'The AMMTC met.\n\nThe ASEAN Ministerial Meeting on Transnational Crime (AMMTC) met again. The AMMTC agreed.';
    assert.deepEqual(hintsOf(text).map((h) => h.at), [text.indexOf(' met.')]);
  });

  test('acronyms that need no expansion, full names and code get none', () => {
    assert.deepEqual(hintsOf('ASEAN met. The ASEAN Telecommunications and Information Technology Ministers\' Meeting met. `TELMIN`'), []);
  });

  test('the tooltip says what to write, and the range limits the hints', () => {
    const d = doc('The AMMTC met.\nThe TELMIN met.');
    const [hint] = service.expansionHints(d);
    assert.match(hint.tooltip, /AMMTC is not expanded anywhere in this draft\. At its first use, write "ASEAN Ministerial Meeting on Transnational Crime \(AMMTC\)"\./);
    const second = hintsOf('The AMMTC met.\nThe TELMIN met.', { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } });
    assert.deepEqual(second.map((h) => h.id), ['telmin']);
  });
});
