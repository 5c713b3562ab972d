import * as fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';

/**
 * Random and hostile glossary files: plausible glossaries in YAML, JSON and TBX, then broken
 * the ways files break (truncated, bytes changed, values of the wrong type, huge strings, deep
 * nesting, alias and entity bombs, duplicate keys, invalid UTF-8 decoded as a reader would).
 */

export type GlossaryFormat = 'yaml' | 'json' | 'tbx';

/** Strings a glossary may hold: plausible names, hostile markup, regex syntax, unicode, control characters. */
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('ASEAN Regional Forum', 'ARF', 'Cyber Policy Dialogue', 'ICT', 'A/RES/71/28', '71/28', 'ASEAN-U.S.', "Ministers' Meeting") },
  { weight: 2, arbitrary: fc.constantFrom('<script>alert(1)</script>', '[x](command:workbench.action.terminal.new)', '![i](http://evil/x.png)', '<img src=x onerror=alert(1)>', '**bold** _it_ `code`', '&lt;&amp;', '](javascript:alert(1))', '\\', '$(gear)', '# heading\n---\n- list') },
  { weight: 2, arbitrary: fc.constantFrom('(a+)+$', '((((((((((x', '.*.*.*.*=', '[^]', '\\b\\d+', '$&$1', '(?<x>)', '|||', '^', '\\u{10FFFF}') },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('😀', '中文名称', 'e\u0301', '\uD800', '\u0000', '\u202E', '\r', '\uFEFF') },
);

const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('id', 'kind', 'name', 'text', 'url', 'title', 'x'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const KINDS = ['body', 'forum', 'meeting', 'resolution', 'concept', 'programme', 'nonsense'];

/** One entry: mostly well-formed, with any field sometimes of the wrong type or hostile. */
const entryArbitrary = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/), hostileString),
    kind: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KINDS) }, anyValue),
    name: fc.oneof({ weight: 4, arbitrary: hostileString }, anyValue),
    acronym: fc.oneof(hostileString, anyValue),
    expand: fc.oneof(fc.boolean(), anyValue),
    accepted: fc.oneof(fc.array(hostileString, { maxLength: 3 }), anyValue),
    variants: fc.oneof(fc.array(fc.oneof(hostileString, fc.record({ text: hostileString, reason: hostileString, status: fc.constantFrom('deprecated', 'superseded', 'gone') }, { requiredKeys: ['text'] })), { maxLength: 3 }), anyValue),
    definition: hostileString,
    dates: fc.oneof(fc.record({ established: fc.constantFrom('1997-12-20', '2019', '2019-13', 'soon') }), anyValue),
    sources: fc.oneof(fc.array(fc.oneof(fc.record({ title: hostileString, url: fc.constantFrom('https://un.org/x', 'javascript:alert(1)', 'command:evil', 'http://a/(b)', 'file:///etc/passwd') }), fc.record({ statement: hostileString, paragraph: fc.integer() })), { maxLength: 2 }), anyValue),
    number: fc.constantFrom('71/28', '73/27', 'x/y'),
    related: fc.array(hostileString, { maxLength: 2 }),
    unknownKey: anyValue,
  },
  { requiredKeys: [] },
);

export const glossaryObject = fc.record({
  version: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, anyValue),
  terms: fc.oneof({ weight: 5, arbitrary: fc.array(entryArbitrary, { maxLength: 8 }) }, anyValue),
});

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function toTbx(glossary: { terms: unknown }, v3: boolean): string {
  const entries: Array<Record<string, unknown>> = (Array.isArray(glossary.terms) ? glossary.terms : []).map((e: unknown) =>
    typeof e === 'object' && e !== null && !Array.isArray(e) ? (e as Record<string, unknown>) : { name: e },
  );
  const str = (v: unknown) => escapeXml(typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  const body = entries
    .map((e, i) => {
      const terms = [e.name, e.acronym, ...(Array.isArray(e.accepted) ? e.accepted : [])]
        .map((t, j) => (v3
          ? `<termSec><term>${str(t)}</term><termNote type="termType">${j === 1 ? 'acronym' : 'fullForm'}</termNote><termNote type="administrativeStatus">${['preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'deprecatedTerm-admn-sts'][j % 3]}</termNote></termSec>`
          : `<tig><term>${str(t)}</term><termNote type="administrativeStatus">${['preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'deprecatedTerm-admn-sts'][j % 3]}</termNote></tig>`))
        .join('');
      const lang = i % 4 === 3 ? 'fr' : 'en';
      return v3
        ? `<conceptEntry id="${str(e.id)}"><descrip type="subjectField">${str(e.kind)}</descrip><langSec xml:lang="${lang}"><descrip type="definition">${str(e.definition)}</descrip>${terms}</langSec></conceptEntry>`
        : `<termEntry id="${str(e.id)}"><descrip type="subjectField">${str(e.kind)}</descrip><langSet xml:lang="${lang}"><descrip type="definition">${str(e.definition)}</descrip>${terms}</langSet></termEntry>`;
    })
    .join('\n');
  return v3
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n${body}\n</body></text></tbx>\n`
    : `<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en"><text><body>\n${body}\n</body></text></martif>\n`;
}

/** Hand-made attacks, each in the format it targets. */
function yamlAliasBomb(levels: number): string {
  const lines = ['version: 1', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push(`terms: *a${levels}`);
  return lines.join('\n') + '\n';
}

function xmlEntityBomb(levels: number): string {
  const defs = ['<!ENTITY e0 "lol">'];
  for (let i = 1; i <= levels; i++) defs.push(`<!ENTITY e${i} "${Array(10).fill(`&e${i - 1};`).join('')}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE martif [\n${defs.join('\n')}\n]>\n<martif><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>&e${levels};</term></tig></langSet></termEntry></body></text></martif>\n`;
}

export const ATTACKS: ReadonlyArray<{ readonly name: string; readonly format: GlossaryFormat; readonly text: () => string }> = [
  { name: 'YAML alias bomb (billion laughs)', format: 'yaml', text: () => yamlAliasBomb(12) },
  { name: 'YAML merge-key alias', format: 'yaml', text: () => 'version: 1\nbase: &b { kind: body }\nterms:\n  - <<: *b\n    id: x\n    name: X\n' },
  { name: 'YAML duplicate keys', format: 'yaml', text: () => 'version: 1\nterms:\n  - id: a\n    id: b\n    kind: body\n    name: A\n' },
  { name: 'YAML deep flow nesting', format: 'yaml', text: () => `version: 1\nterms: ${'['.repeat(50000)}${']'.repeat(50000)}\n` },
  { name: 'YAML deep block nesting', format: 'yaml', text: () => `version: 1\nterms:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n` },
  { name: 'YAML custom tags (!!js/function, !!binary)', format: 'yaml', text: () => 'version: 1\nterms:\n  - id: a\n    kind: !!js/function "function () { process.exit(1) }"\n    name: !!binary aGVsbG8=\n' },
  { name: 'YAML huge string', format: 'yaml', text: () => `version: 1\nterms:\n  - id: a\n    kind: body\n    name: "${'x'.repeat(2_000_000)}"\n` },
  { name: 'YAML over the size limit', format: 'yaml', text: () => `version: 1\nterms: []\n# ${'x'.repeat(17 * 1024 * 1024)}\n` },
  { name: 'JSON deep nesting', format: 'json', text: () => `{"version":1,"terms":${'['.repeat(50000)}${']'.repeat(50000)}}` },
  { name: 'JSON duplicate keys', format: 'json', text: () => '{"version":1,"terms":[{"id":"a","id":"b","kind":"body","name":"A"}]}' },
  { name: 'JSON __proto__ key', format: 'json', text: () => '{"version":1,"__proto__":{"polluted":true},"terms":[{"id":"a","kind":"body","name":"A","__proto__":{"x":1}}]}' },
  { name: 'invalid UTF-8 decoded with replacement characters', format: 'yaml', text: () => Buffer.from([0x76, 0x65, 0x72, 0xff, 0xfe, 0x3a, 0x20, 0xc3, 0x28, 0x0a]).toString('utf8') },
  { name: 'XML entity expansion (billion laughs)', format: 'tbx', text: () => xmlEntityBomb(9) },
  { name: 'XML external entity', format: 'tbx', text: () => '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<martif><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>\n' },
  { name: 'XML deep nesting', format: 'tbx', text: () => `<martif>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</martif>` },
  { name: 'XML too many elements', format: 'tbx', text: () => `<martif><text><body>${'<termEntry/>'.repeat(250000)}</body></text></martif>` },
  { name: 'XML huge text', format: 'tbx', text: () => `<martif><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>${'x'.repeat(2_000_000)}</term></tig></langSet></termEntry></body></text></martif>` },
];

/** How a file is broken after it was written. */
const mutation = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Mutation>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map<Mutation>((at) => ({ kind: 'truncate', at })) },
  { weight: 2, arbitrary: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.string({ maxLength: 4, unit: 'binary' }), fc.constantFrom(':', '- ', '[', '{', '"', "'", '\n  ', '\t', '&a', '*a', '<', '</', '>', '&', '<!--', ']]>', '\r')) }).map<Mutation>((m) => ({ kind: 'insert', ...m })) },
  { weight: 1, arbitrary: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(20) }).map<Mutation>((m) => ({ kind: 'delete', ...m })) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'crlf' }) },
);

type Mutation = { kind: 'none' } | { kind: 'crlf' } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? Math.floor(m.at * (text.length + 1)) : 0;
  switch (m.kind) {
    case 'none':
      return text;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
  }
}

/** A random glossary file in one of the three formats, possibly broken. */
export const glossaryFileArbitrary: fc.Arbitrary<{ format: GlossaryFormat; text: string }> = fc
  .tuple(glossaryObject, fc.constantFrom<GlossaryFormat | 'tbx3'>('yaml', 'json', 'tbx', 'tbx3'), fc.array(mutation, { maxLength: 3 }))
  .map(([object, format, mutations]) => {
    let text: string;
    if (format === 'json') text = JSON.stringify(object, null, 2);
    else if (format === 'yaml') text = yamlStringify(object, { lineWidth: 0 });
    else text = toTbx(object, format === 'tbx3');
    return { format: format === 'tbx3' ? 'tbx' : format, text: mutations.reduce(mutate, text) };
  });
