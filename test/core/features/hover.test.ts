import * as assert from 'node:assert/strict';
import { cursor, doc, miniService } from '../../helpers/fixtures';

suite('hover', () => {
  const service = miniService();
  const hoverAt = (snippet: string) => {
    const { text, offset } = cursor(snippet);
    const d = doc(text);
    return { info: service.hover(d, d.positionAt(offset)), d };
  };

  test('an acronym shows the full name, kind, parent, definition, dates and source; the range is the mention', () => {
    const { info, d } = hoverAt('The AM$0MTC met.');
    assert.ok(info);
    assert.equal(info.heading, 'ASEAN Ministerial Meeting on Transnational Crime (AMMTC)');
    assert.equal(info.subtitle, 'meeting · part of ASEAN');
    assert.deepEqual(info.paragraphs, ["ASEAN's ministerial body for cooperation against transnational crime."]);
    assert.deepEqual(info.facts, [{ label: 'Established', value: '20 December 1997' }]);
    assert.equal(info.sources.length, 1);
    assert.match(info.sources[0].text, /Co-Chairs' Statement .*paragraph 6$/);
    assert.deepEqual(info.range, { start: d.positionAt(4), end: d.positionAt(9) });
  });

  test('a full name and a variant hover too; the variant says what is official', () => {
    assert.equal(hoverAt('the ASEAN Ministerial Meeting on Transnational $0Crime').info?.entryId, 'ammtc');
    const variant = hoverAt('the ASEAN Ministerial Meeting on Transnational Cri$0mes').info;
    assert.ok(variant);
    assert.match(variant.paragraphs[0], /Written here as "ASEAN Ministerial Meeting on Transnational Crimes", a deprecated form; the official form is "ASEAN Ministerial Meeting on Transnational Crime" \(the meeting's name is singular\)\./);
  });

  test('a resolution without a verified date shows its session and symbol', () => {
    const info = hoverAt('resolution 71/$028').info;
    assert.ok(info);
    assert.equal(info.heading, 'General Assembly resolution 71/28');
    assert.deepEqual(info.facts, [
      { label: 'Session', value: 'seventy-first session of the General Assembly (2016–2017)' },
      { label: 'Document symbol', value: 'A/RES/71/28' },
    ]);
  });

  test('a resolution with a date shows the date, not the session', () => {
    const info = hoverAt('resolution 70/2$037').info;
    assert.deepEqual(info?.facts, [
      { label: 'Adopted', value: '23 December 2015' },
      { label: 'Document symbol', value: 'A/RES/70/237' },
    ]);
  });

  test('an unknown resolution still hovers with its session', () => {
    const info = hoverAt('resolution 73/2$07').info;
    assert.ok(info);
    assert.equal(info.entryId, undefined);
    assert.equal(info.facts[0].value, 'seventy-third session of the General Assembly (2018–2019)');
  });

  test('nothing outside a mention or inside code', () => {
    assert.equal(hoverAt('The $0meeting AMMTC').info, undefined);
    assert.equal(hoverAt('the `AM$0MTC` token').info, undefined);
  });

  test('ranges stay exact after CRLF, a BOM-less emoji and CJK text', () => {
    const text = '😀 中文 line one\r\nsecond 👍🏽 line: AMMTC\r\n';
    const d = doc(text);
    const at = text.indexOf('AMMTC');
    const info = service.hover(d, d.positionAt(at + 2));
    assert.ok(info);
    // "second 👍🏽 line: " is 18 UTF-16 code units: the emoji and its modifier are two each.
    assert.deepEqual(info.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 23 } });
  });
});
