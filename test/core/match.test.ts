import * as assert from 'node:assert/strict';
import { GlossaryIndex, type Glossary } from '../../server/src/core';
import { doc, mentionsOf, miniService } from '../helpers/fixtures';

suite('recognition', () => {
  const service = miniService();
  const found = (text: string) => mentionsOf(service, text);

  test('finds a name and its acronym in "Full Name (ACR)"', () => {
    const analysis = service.analyse(
      doc('The ASEAN Ministerial Meeting on Transnational Crime (AMMTC) met.\n'),
    );
    assert.deepEqual(
      analysis.mentions.map((m) => [m.text, m.entry?.id, m.ref?.type]),
      [
        ['ASEAN Ministerial Meeting on Transnational Crime', 'ammtc', 'name'],
        ['AMMTC', 'ammtc', 'acronym'],
      ],
    );
    assert.equal(analysis.mentions[0].expansionOf, analysis.mentions[1]);
    assert.equal(analysis.mentions[1].definedBy, analysis.mentions[0]);
    assert.equal(analysis.introductions.get('ammtc'), analysis.mentions[0].start);
  });

  test('a name broken across lines or with repeated spaces still matches', () => {
    assert.deepEqual(found('the ASEAN Ministerial\nMeeting on  Transnational Crime met'), [
      ['ASEAN Ministerial\nMeeting on  Transnational Crime', 'ammtc'],
    ]);
  });

  test('a name wrapped inside a block quote and a list item still matches', () => {
    assert.deepEqual(found('> the ASEAN Ministerial Meeting\n> on Transnational Crime\n'), [
      ['ASEAN Ministerial Meeting\n> on Transnational Crime', 'ammtc'],
    ]);
    assert.deepEqual(found('- the ASEAN Ministerial Meeting\n  on Transnational Crime\n'), [
      ['ASEAN Ministerial Meeting\n  on Transnational Crime', 'ammtc'],
    ]);
  });

  test('typographic apostrophes and dashes match their plain forms', () => {
    assert.deepEqual(found('the ASEAN-U.S. Leaders’ Statement on Cybersecurity Cooperation'), [
      ['ASEAN-U.S. Leaders’ Statement on Cybersecurity Cooperation', 'leaders-statement'],
    ]);
    assert.deepEqual(found('the ASEAN–Japan Cybersecurity Capacity Building Centre'), [
      ['ASEAN–Japan Cybersecurity Capacity Building Centre', 'ajccbc'],
    ]);
  });

  test('possessives and acronym plurals match', () => {
    const analysis = service.analyse(doc("the AMMTC's work on ICTs and ICT"));
    assert.deepEqual(
      analysis.mentions.map((m) => [m.text, m.entry?.id, m.plural]),
      [
        ['AMMTC', 'ammtc', false],
        ['ICTs', 'ict', true],
        ['ICT', 'ict', false],
      ],
    );
  });

  test('the longest match wins', () => {
    assert.deepEqual(found("the ADMM-Plus Experts' Working Group on Cyber Security and the ADMM-Plus"), [
      ["ADMM-Plus Experts' Working Group on Cyber Security", 'admm-plus-ewg-cyber'],
      ['ADMM-Plus', 'admm-plus'],
    ]);
  });

  test('whole words only', () => {
    assert.deepEqual(found('TELMINAL and XTELMIN and TELMIN_X and TELMIN.'), [['TELMIN', 'telmin']]);
  });

  test('acronyms match case-sensitively; a wrong-case acronym is kept as such unless it is an ordinary word', () => {
    const analysis = service.analyse(doc('Telmin met. The ict sector. Asean members.'));
    assert.deepEqual(
      analysis.mentions.map((m) => [m.text, m.entry?.id, m.caseMismatch]),
      [
        ['Telmin', 'telmin', true],
        ['Asean', 'asean', true],
      ],
    );
  });

  test('names are found case-insensitively and the wrong case is noted', () => {
    const analysis = service.analyse(doc('the asean ministerial meeting on transnational crime'));
    assert.equal(analysis.mentions.length, 1);
    assert.equal(analysis.mentions[0].caseMismatch, true);
  });

  test('variants and accepted forms are recognised as their entry', () => {
    const analysis = service.analyse(
      doc('The ASEAN Ministerial Meeting on Transnational Crimes, ADMM Plus and ASEAN Defence Ministers Meeting-Plus.'),
    );
    assert.deepEqual(
      analysis.mentions.map((m) => [m.text, m.entry?.id, m.ref?.type]),
      [
        ['ASEAN Ministerial Meeting on Transnational Crimes', 'ammtc', 'variant'],
        ['ADMM Plus', 'admm-plus', 'variant'],
        ['ASEAN Defence Ministers Meeting-Plus', 'admm-plus', 'accepted'],
      ],
    );
  });

  suite('resolution references', () => {
    test('every citation form is recognised, known or not', () => {
      assert.deepEqual(found('resolution 71/28'), [['resolution 71/28', 'res-71-28']]);
      assert.deepEqual(found('resolutions 70/237 and 71/28'), [
        ['resolutions 70/237', 'res-70-237'],
        ['71/28', 'res-71-28'],
      ]);
      assert.deepEqual(found('General Assembly resolution 71/28'), [['resolution 71/28', 'res-71-28']]);
      assert.deepEqual(found('UNGA resolution 71/28'), [['resolution 71/28', 'res-71-28']]);
      assert.deepEqual(found('see A/RES/71/28.'), [['A/RES/71/28', 'res-71-28']]);
      assert.deepEqual(found('resolution 71/29'), [['resolution 71/29', 'resolution:71/29']]);
      assert.deepEqual(found('resolutions 70/237, 71/28 and 73/27'), [
        ['resolutions 70/237', 'res-70-237'],
        ['71/28', 'res-71-28'],
        ['73/27', 'resolution:73/27'],
      ]);
    });

    test('malformed citations are still recognised with what was written', () => {
      const analysis = service.analyse(doc('Resolution 71-28 and res. 70/237'));
      assert.deepEqual(
        analysis.mentions.map((m) => [m.text, m.citation?.number, m.citation?.keyword, m.citation?.written]),
        [
          ['Resolution 71-28', '71/28', 'Resolution', '71-28'],
          ['res. 70/237', '70/237', 'res.', '70/237'],
        ],
      );
    });
  });

  suite('only prose counts', () => {
    const cases: Array<[string, string]> = [
      ['fenced code', 'Text.\n\n```\nAMMTC\n```\n'],
      ['tilde fence', '~~~md\nAMMTC\n~~~\n'],
      ['indented code', 'Text.\n\n    AMMTC in code\n'],
      ['inline code', 'the `AMMTC` token'],
      ['double-backtick code', 'the ``a ` AMMTC`` token'],
      ['front matter', '---\ntitle: AMMTC\n---\n'],
      ['HTML comment', '<!-- AMMTC -->\n'],
      ['HTML block', '<div>\nAMMTC\n</div>\n'],
      ['inline HTML tag attribute', 'a <span title="AMMTC">b</span>'],
      ['link destination', '[a link](https://example.org/AMMTC)'],
      ['bare URL', 'see https://example.org/AMMTC/page now'],
      ['www URL', 'see www.example.org/AMMTC now'],
      ['autolink', 'see <https://example.org/AMMTC>'],
      ['reference definition', '[ref]: https://example.org/AMMTC\n'],
      ['reference label', '[the meeting][AMMTC]\n\n[AMMTC]: https://example.org\n'],
    ];
    for (const [what, text] of cases) {
      test(`nothing is recognised in ${what}`, () => assert.deepEqual(found(text), []));
    }

    test('headings, lists, tables, block quotes, emphasis and link text count', () => {
      const text = [
        '# The AMMTC',
        '',
        '- TELMIN in a list',
        '',
        '| Body | Acronym |',
        '| --- | --- |',
        '| x | ICT |',
        '',
        '> ADMM-Plus in a quote',
        '',
        '**AJCCBC** and [USASCP](https://example.org) and _ASEAN_.',
        '',
        'Setext AMMTC',
        '============',
      ].join('\n');
      assert.deepEqual(
        found(text).map(([, id]) => id),
        ['ammtc', 'telmin', 'ict', 'admm-plus', 'ajccbc', 'usascp', 'asean', 'ammtc'],
      );
    });
  });
});

suite('recognition with a large glossary', () => {
  // 6,000 entries, 12,000 forms: several compiled alternations, merged as one would match.
  const entries = Array.from({ length: 6000 }, (_, i) => ({
    id: `committee-${i}`,
    kind: 'forum' as const,
    name: `Committee ${i} on Cyber Security`,
    acronym: `CCS${i}`,
    expand: false,
    accepted: [],
    variants: [],
    sources: [],
    related: [],
    dates: {},
    origin: { file: 'big.lexicon.json', label: 'big.lexicon.json', line: i },
  }));
  // A short name inside a long one, in different alternations: the longer must win, as in one alternation.
  entries.push({ ...entries[0], id: 'committee', name: 'Committee', acronym: 'CTTE' });
  const index = new GlossaryIndex([{ origin: 'big.lexicon.json', label: 'big.lexicon.json', entries } as unknown as Glossary]);

  test('finds names and acronyms from every part of the glossary, longest first, without overlaps', () => {
    const text = 'The Committee 5999 on Cyber Security (CCS5999) met the Committee 7 on Cyber Security, CCS3 and the Committee.';
    const found = [...index.matches(text)].map((m) => m.text);
    assert.deepEqual(found, ['Committee 5999 on Cyber Security', 'CCS5999', 'Committee 7 on Cyber Security', 'CCS3', 'Committee']);
  });
});
