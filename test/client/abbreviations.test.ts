import * as assert from 'node:assert/strict';
import type { DocumentTermItem } from '../../server/src/protocol';
import { abbreviationList } from '../../client/src/abbreviations';
import { builtinService, doc } from '../helpers/fixtures';
import { DEFAULT_CHECK_OPTIONS } from '../../server/src/core';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const term = (id: string, name: string, acronym: string | null): DocumentTermItem => ({ id, kind: 'meeting', name, acronym, count: 1, firstRange: range });

suite('abbreviation list', () => {
  test('one line per acronym, sorted by acronym regardless of case, entries without one left out', () => {
    const terms = [
      term('telmin', "ASEAN Telecommunications and Information Technology Ministers' Meeting", 'TELMIN'),
      term('asean-us-summit', 'ASEAN-U.S. Summit', null),
      term('admm-plus', "ASEAN Defence Ministers' Meeting-Plus", 'ADMM-Plus'),
      term('ammtc', 'ASEAN Ministerial Meeting on Transnational Crime', 'AMMTC'),
      term('4ir', 'Fourth Industrial Revolution', '4IR'),
    ];
    assert.equal(
      abbreviationList(terms),
      [
        '- 4IR — Fourth Industrial Revolution',
        "- ADMM-Plus — ASEAN Defence Ministers' Meeting-Plus",
        '- AMMTC — ASEAN Ministerial Meeting on Transnational Crime',
        "- TELMIN — ASEAN Telecommunications and Information Technology Ministers' Meeting",
        '',
      ].join('\n'),
    );
    assert.equal(abbreviationList([term('a', 'Alpha', 'AL')], '\r\n'), '- AL — Alpha\r\n');
    assert.equal(abbreviationList([]), '');
  });

  test('glossary text cannot become HTML or code, or break the list', () => {
    assert.equal(abbreviationList([term('x', 'Evil <script>x</script>\n- `code`', 'EVL')]), '- EVL — Evil \\<script\\>x\\</script\\> - \\`code\\`\n');
  });

  test('a list made from the built-in glossary introduces its acronyms: it raises no finding', () => {
    const service = builtinService();
    const draft = 'The AMMTC, the TELMIN, the ADMM-Plus and the ARF met.\n';
    const terms = service.documentTerms(doc(draft)).map((t) => ({ ...t, acronym: t.acronym ?? null }));
    const list = abbreviationList(terms);
    assert.match(list, /^- ADMM-Plus — ASEAN Defence Ministers' Meeting-Plus\n- AMMTC — /);
    const findings = service.diagnose(doc(`## Abbreviations\n\n${list}\n${draft}`), DEFAULT_CHECK_OPTIONS);
    assert.deepEqual(findings.map((f) => f.message), []);
  });
});
