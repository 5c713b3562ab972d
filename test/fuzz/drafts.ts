import * as fc from 'fast-check';
import type { Glossary } from '../../server/src/core';

/**
 * Random Markdown drafts built from realistic pieces: the glossary's own names, variants,
 * accepted forms and acronyms (in several cases), expansions, resolution citations well and
 * badly written, code, front matter, links, tables, HTML, suppression comments and unicode
 * (emoji, CJK, combining accents, a BOM), joined by every kind of line ending.
 */

/** One replacement of `[start, end)` of the current text, as an editor sends it. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Forms the matcher knows, taken from a glossary. */
export function glossaryForms(glossaries: readonly Glossary[]): { names: string[]; acronyms: string[]; variants: string[]; expansions: string[] } {
  const names: string[] = [];
  const acronyms: string[] = [];
  const variants: string[] = [];
  const expansions: string[] = [];
  for (const g of glossaries) {
    for (const e of g.entries) {
      names.push(e.name, ...e.accepted);
      variants.push(...e.variants.map((v) => v.text));
      if (e.acronym) {
        acronyms.push(e.acronym);
        expansions.push(`${e.name} (${e.acronym})`);
      }
    }
  }
  return { names, acronyms, variants, expansions };
}

const WORDS = ['the', 'meeting', 'agreed', 'to', 'cooperate', 'on', 'cyber', 'security', 'programme', 'program', 'organisation', 'organization', 'defence', 'defense', 'centre', 'center', 'recognise', 'and', 'of', 'ICT', 'States', 'in', 'a', 'Co-Chairs', 'we', 'welcomed', 'capacity-building', 'cyber space', 'cyberspace'];
const UNICODE = ['😀', '👍🏽', '🇺🇳', '中文', '日本語', 'e\u0301', 'Ça', 'Δ', 'Москва', '\u00A0', '\u2019', '\u2013', '\u200B', '𝒜', '\uD800', '\uDC00'];
const CITATIONS = ['resolution 71/28', 'Resolution 73/27', 'resolution 71-28', 'res. 71/28', 'A/RES/71/28', 'resolutions 70/237 and 73/266', 'resolution 99/999', 'General Assembly resolution 75/240'];
const INLINE = ['`AMMTC`', '[the ARF](https://example.org/arf)', '[link](command:evil)', '<span>ADMM-Plus</span>', '**ASEAN Regional Forum**', '_AMMTC_', '<https://un.org>', '![img](x.png)', '\\*', '&amp;', '<!-- ARF -->'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n\n\n', '\t', ' '];
const LINE_STARTS = ['# ', '## ', '- ', '* ', '1. ', '> ', '    ', '\t', '| ', '> - ', ''];
const BLOCKS = [
  '```\nAMMTC and ADMM Plus\n```',
  '~~~md\nASEAN Defense Ministers Meeting\n~~~',
  '```',
  '---\ntitle: ASEAN Regional Forum\n---',
  '---',
  '| Body | Acronym |\n| --- | --- |\n| ASEAN Regional Forum | ARF |',
  '<div>\nADMM Plus\n</div>',
  '<!-- policy-lexicon-disable-next-line -->',
  '<!-- policy-lexicon-disable-next-line non-canonical -->',
  '<!-- policy-lexicon-disable -->',
  '<!--',
  '-->',
  '    indented AMMTC code',
  '***',
  '[ref]: https://example.org "ADMM Plus"',
  '$$\nARF\n$$',
];

/** A piece of draft text. */
export function pieceArbitrary(glossaries: readonly Glossary[]): fc.Arbitrary<string> {
  const forms = glossaryForms(glossaries);
  const cased = (list: string[]) =>
    fc.tuple(fc.constantFrom(...list), fc.constantFrom<'asIs' | 'lower' | 'upper' | 'title'>('asIs', 'asIs', 'asIs', 'lower', 'upper', 'title')).map(([s, c]) =>
      c === 'lower' ? s.toLowerCase() : c === 'upper' ? s.toUpperCase() : c === 'title' ? s.replace(/\b\w/g, (x) => x.toUpperCase()) : s,
    );
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 3, arbitrary: cased(forms.names) },
    { weight: 3, arbitrary: cased(forms.acronyms) },
    { weight: 2, arbitrary: fc.constantFrom(...(forms.variants.length ? forms.variants : WORDS)) },
    { weight: 2, arbitrary: fc.constantFrom(...(forms.expansions.length ? forms.expansions : WORDS)) },
    { weight: 2, arbitrary: fc.constantFrom(...CITATIONS) },
    { weight: 2, arbitrary: fc.constantFrom(...INLINE) },
    { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
    { weight: 4, arbitrary: fc.constantFrom(...BREAKS) },
    { weight: 2, arbitrary: fc.constantFrom(...LINE_STARTS).map((s) => `\n${s}`) },
    { weight: 2, arbitrary: fc.constantFrom(...BLOCKS).map((b) => `\n\n${b}\n\n`) },
    { weight: 1, arbitrary: fc.constantFrom('.', ',', ';', ':', '(', ')', '"', "'", '-', '/', '|', '*', '_', '`', '[', ']', '<', '>', '#') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
  );
}

/** A whole draft: pieces joined by spaces, sometimes with a BOM and without a final newline. */
export function draftArbitrary(glossaries: readonly Glossary[], maxPieces = 60): fc.Arbitrary<string> {
  return fc
    .tuple(fc.boolean(), fc.array(pieceArbitrary(glossaries), { maxLength: maxPieces }), fc.constantFrom('', '\n', '\r\n'), fc.nat(9))
    .map(([bom, pieces, end, bomRoll]) => (bom && bomRoll === 0 ? '\uFEFF' : '') + pieces.join(' ') + end);
}

/**
 * A longer draft: a few dozen paragraphs, list items, quotes, headings, fences and tables of
 * random pieces between blank lines, so that an edit usually has untouched blocks around it.
 */
export function longDraftArbitrary(glossaries: readonly Glossary[]): fc.Arbitrary<string> {
  const lead = fc.constantFrom('', '', '', '# ', '- ', '> ', '1. ', '```\n', '| a | b |\n| - | - |\n| ', '<div>\n', '    ');
  return fc
    .array(fc.tuple(lead, fc.array(pieceArbitrary(glossaries), { maxLength: 12 })), { minLength: 3, maxLength: 30 })
    .map((blocks) => blocks.map(([start, pieces]) => start + pieces.join(' ')).join('\n\n'));
}

/**
 * Edits as fractions of the current text, so a sequence of them stays valid whatever the
 * earlier ones did: insertions, deletions and replacements, anywhere, including inside a
 * surrogate pair or a CRLF.
 */
export interface RelativeEdit {
  readonly at: number;
  readonly length: number;
  readonly text: string;
}

export function editArbitrary(glossaries: readonly Glossary[]): fc.Arbitrary<RelativeEdit> {
  return fc.record({
    // Integers, not fc.double, whose bias towards 0 and 1 would put most edits at the ends.
    at: fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000),
    length: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(8) }, { weight: 1, arbitrary: fc.nat(200) }),
    text: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: pieceArbitrary(glossaries) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }),
  });
}

/** Turns a relative edit into an absolute one on `text`. */
export function resolveEdit(text: string, edit: RelativeEdit): TextEdit {
  const start = representable(text, Math.min(text.length, Math.floor(edit.at * (text.length + 1))));
  const end = representable(text, Math.min(text.length, start + edit.length));
  return { start, end, text: edit.text };
}

/** LSP positions cannot point between the CR and the LF of a CRLF: such an offset moves before the CR. */
function representable(text: string, offset: number): number {
  return text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}
