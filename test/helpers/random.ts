import * as fc from 'fast-check';

/**
 * Random drafts and edits for property tests, built from the pieces real drafts are made of:
 * official names, variants, acronyms and their expansions, resolution citations, and the
 * Markdown around them (fences, front matter, lists, quotes, tables, HTML, links), plus
 * unicode that tests UTF-16 arithmetic (emoji, CJK, combining accents) and CR/CRLF breaks.
 */
export const PIECES = [
  'ASEAN Regional Forum', 'ARF', 'ASEAN Regional Forum (ARF)', 'ADMM Plus', 'ADMM-Plus',
  "ASEAN Defence Ministers' Meeting-Plus (ADMM-Plus)", 'AMMTC', 'ASEAN Ministerial Meeting on Transnational Crime (AMMTC)',
  'Telmin', 'TELMIN', 'ASEAN Telecommunications Ministers Meeting (TELMIN)', 'resolution 71/28', 'Resolution 73/266',
  'A/RES/70/237', 'UN GGE', 'cyber space', 'cyberspace', 'capacity building', 'capacity-building', 'program', 'centre',
  'ASEAN Cyber Capacity Development Programme', 'U.S.-ASEAN Smart City Partnership', 'XYZCERT', 'the', 'met in', 'and',
  ' ', ' ', ' ', '. ', ', ', '\n', '\n', '\n\n', '\n\n', '\r\n', '\r\n\r\n', '\t',
  '```\n', '```md\n', '~~~\n', '---\n', '# ', '## ', '> ', '- ', '* ', '1. ', '    ', '|a|b|\n|-|-|\n|ARF|x|\n',
  '<div>', '</div>\n', '<!-- policy-lexicon-disable-next-line -->\n', '<!-- x -->', '`code ARF`', '[ARF](https://example.org/ARF)',
  'https://example.org/AMMTC', '**', '_', '"', '\u2019', '\u2014', '😀', '𝒜', '中文', 'e\u0301', '\uFEFF',
];

export const piece = fc.constantFrom(...PIECES);

/** A draft: a few dozen pieces. */
export const draft = fc.array(piece, { minLength: 0, maxLength: 60 }).map((parts) => parts.join(''));

/** A longer draft: paragraphs, lists, quotes, fences … of random pieces, separated by blank lines. */
export const longDraft = fc
  .array(
    fc.tuple(fc.constantFrom('', '', '', '# ', '- ', '> ', '1. ', '```\n', '|a|b|\n|-|-|\n|', '<div>\n', '    '), fc.array(piece, { maxLength: 12 })),
    { minLength: 3, maxLength: 30 },
  )
  .map((blocks) => blocks.map(([lead, parts]) => lead + parts.join('')).join('\n\n'));

/** An edit as fractions of the text length, so it applies to any text. */
export interface RandomEdit {
  readonly at: number;
  readonly length: number;
  readonly insert: string;
}

export const edit: fc.Arbitrary<RandomEdit> = fc.record({
  // Integers, not fc.double, whose bias towards 0 and 1 would put most edits at the ends.
  at: fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(piece, fc.constant(''), fc.string({ maxLength: 3 })),
});

/** Applies an edit: [start, end) replaced by `insert`; returns the new text and the change. */
export function applyRandomEdit(text: string, e: RandomEdit): { text: string; start: number; end: number; insert: string } {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const end = Math.min(text.length, start + e.length);
  return { text: text.slice(0, start) + e.insert + text.slice(end), start, end, insert: e.insert };
}

/**
 * Options for `fc.assert`: FC_SEED replays a failure (fast-check prints the seed and path),
 * FC_RUNS scales the number of cases (`npm run fuzz` sets it high).
 */
export function runs(defaultRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  const numRuns = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : defaultRuns;
  return { numRuns, ...(seed !== undefined ? { seed } : {}), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) };
}
