import * as assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cursor, doc, miniService } from '../../helpers/fixtures';
import type { CompletionCandidate } from '../../../server/src/core';

/** Applies a completion's edit and returns the new text. */
function apply(d: TextDocument, item: CompletionCandidate): string {
  const text = d.getText();
  return text.slice(0, d.offsetAt(item.replace.start)) + item.insertText + text.slice(d.offsetAt(item.replace.end));
}

suite('completion', () => {
  const service = miniService();
  const completeAt = (snippet: string) => {
    const { text, offset } = cursor(snippet);
    const d = doc(text);
    return { result: service.complete(d, d.positionAt(offset)), d };
  };
  const labels = (snippet: string) => completeAt(snippet).result.items.map((i) => i.label);

  test('a typed prefix with punctuation is replaced whole, not duplicated', () => {
    const { result, d } = completeAt('We thank the ASEAN-J$0');
    const item = result.items.find((i) => i.label === 'ASEAN-Japan Cybersecurity Capacity Building Centre');
    assert.ok(item, `labels: ${result.items.map((i) => i.label).join(', ')}`);
    assert.equal(apply(d, item), 'We thank the ASEAN-Japan Cybersecurity Capacity Building Centre (AJCCBC)');
    const us = completeAt('the U.S.-A$0').result.items.find((i) => i.entryId === 'usascp' && !i.acronymItem);
    assert.ok(us);
    assert.equal(apply(completeAt('the U.S.-A$0').d, us), 'the U.S.-ASEAN Smart Cities Partnership (USASCP)');
  });

  test('any word of a name filters to it, and so does the acronym', () => {
    assert.ok(labels('the Smart$0').includes('U.S.-ASEAN Smart Cities Partnership'));
    assert.ok(labels('the Trans$0').includes('ASEAN Ministerial Meeting on Transnational Crime'));
    assert.ok(labels('the AMM$0').includes('AMMTC'));
    assert.ok(!labels('the Smart$0').includes('ASEAN Ministerial Meeting on Transnational Crime'));
  });

  test('a word match puts the matched word first in the filter text', () => {
    const item = completeAt('the Smart$0').result.items.find((i) => i.entryId === 'usascp');
    assert.equal(item?.filterText, 'Smart Cities Partnership U.S.-ASEAN');
  });

  test('several typed words are replaced when they start the name', () => {
    const { result, d } = completeAt('the ASEAN Ministerial Me$0');
    const item = result.items.find((i) => i.entryId === 'ammtc' && !i.acronymItem);
    assert.ok(item);
    assert.equal(apply(d, item), 'the ASEAN Ministerial Meeting on Transnational Crime (AMMTC)');
  });

  test('before the acronym is introduced, both items insert "Full Name (ACR)"; after, both insert the acronym', () => {
    const before = completeAt('The AMM$0').result.items.filter((i) => i.entryId === 'ammtc');
    assert.deepEqual(
      before.map((i) => i.insertText),
      ['ASEAN Ministerial Meeting on Transnational Crime (AMMTC)', 'ASEAN Ministerial Meeting on Transnational Crime (AMMTC)'],
    );
    assert.match(before[1].detail, /inserts "ASEAN Ministerial Meeting on Transnational Crime \(AMMTC\)"/);
    const after = completeAt('The ASEAN Ministerial Meeting on Transnational Crime (AMMTC) met.\n\nThe AMM$0').result.items.filter(
      (i) => i.entryId === 'ammtc',
    );
    assert.deepEqual(after.map((i) => i.insertText), ['AMMTC', 'AMMTC']);
  });

  test('the introduction must be above the cursor', () => {
    const items = completeAt('The AMM$0\n\nThe ASEAN Ministerial Meeting on Transnational Crime (AMMTC) met.').result.items;
    assert.equal(items.find((i) => i.entryId === 'ammtc')?.insertText, 'ASEAN Ministerial Meeting on Transnational Crime (AMMTC)');
  });

  test('typing inside the introduction itself still offers the expansion', () => {
    const items = completeAt('We thank the ASEAN-J$0apan Cybersecurity Capacity Building Centre (AJCCBC).').result.items;
    assert.equal(items.find((i) => i.entryId === 'ajccbc')?.insertText, 'ASEAN-Japan Cybersecurity Capacity Building Centre (AJCCBC)');
  });

  test('an acronym that needs no expansion inserts what was picked', () => {
    const items = completeAt('the ASE$0').result.items.filter((i) => i.entryId === 'asean');
    assert.deepEqual(items.map((i) => [i.label, i.insertText]).sort(), [
      ['ASEAN', 'ASEAN'],
      ['Association of Southeast Asian Nations', 'Association of Southeast Asian Nations'],
    ]);
  });

  test('after "resolution " the known resolution numbers are offered', () => {
    const { result, d } = completeAt('recalling resolution 7$0');
    assert.deepEqual(result.items.map((i) => i.label), ['70/237', '71/28']);
    assert.equal(apply(d, result.items[1]), 'recalling resolution 71/28');
  });

  test('no completion inside code, front matter or URLs', () => {
    assert.deepEqual(labels('```\nAMM$0\n```\n'), []);
    assert.deepEqual(labels('---\ntitle: AMM$0\n---\n'), []);
    assert.deepEqual(labels('see https://example.org/AMM$0 now'), []);
    assert.deepEqual(labels('the `AMM$0` code'), []);
  });
});
