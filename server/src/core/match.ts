import type { Entry } from './glossary/schema';
import type { FormRef, GlossaryIndex } from './glossary/glossaryIndex';
import { ORDINARY_WORDS } from './ordinaryWords';
import { MASK } from './markdown/blocks';
import { isSpace } from './glossary/formMatcher';
import { formKey, WORD_CHAR_CLASS } from './text';

/**
 * A recognised mention inside one block, with offsets relative to the block's start.
 * Block-relative offsets let the per-block cache reuse a result when the block moves.
 */
export interface BlockMention {
  readonly start: number;
  readonly end: number;
  readonly entry: Entry | undefined;
  /** The form that matched; undefined for a resolution citation. */
  readonly ref: FormRef | undefined;
  readonly plural: boolean;
  /** The mention's case differs from the form's: "Telmin" for TELMIN, "asean regional forum". */
  readonly caseMismatch: boolean;
  readonly citation: Citation | undefined;
  /** For a name: the acronym mention right after it in parentheses ("Full Name (ACR)"). */
  expansionOf?: BlockMention;
  /** For an acronym: it stands in parentheses right after a name of the same entry. */
  definedBy?: BlockMention;
}

/** A resolution citation: "resolution 71/28", "resolutions 70/237 and 71/28", "A/RES/71/28". */
export interface Citation {
  /** Normalised number, such as "71/28". */
  readonly number: string;
  readonly session: number;
  /** The keyword as written ("resolution", "Resolution", "res.", "resolutions"), or "A/RES/" for a symbol. */
  readonly keyword: string;
  /** The issuing body written before the keyword ("General Assembly", "UNGA"), if any. */
  readonly body: string | undefined;
  /** The number as written ("71/28", "71-28"). */
  readonly written: string;
  /** Position in a list of numbers after one keyword (0 for the first). */
  readonly listIndex: number;
  /** How many numbers follow the keyword. */
  readonly listSize: number;
  readonly symbol: boolean;
}

const W = WORD_CHAR_CLASS;
const NUMBER = String.raw`\d{1,3}\s?[/\-]\s?\d{1,4}`;
export const CITATION = new RegExp(
  String.raw`(?<![${W}])(?:(General\s+Assembly|UNGA|GA)\s+)?(resolutions?|res\.?)\s+(${NUMBER})((?:\s*,\s*(?:and\s+)?${NUMBER}|\s+and\s+${NUMBER})*)(?![${W}/])`,
  'gi',
);
const LIST_NUMBER = new RegExp(NUMBER, 'g');
export const SYMBOL = new RegExp(String.raw`(?<![${W}/])A/RES/(\d{1,3})/(\d{1,4})(?![${W}/])`, 'g');

/** A find of the glossary's matcher: where in the prose, and the text. */
export interface Match {
  readonly index: number;
  readonly text: string;
}

/**
 * Finds every glossary mention and resolution citation in a block's prose, in order. `matched`:
 * what `index.matches(prose)` gives, when another thread has run it (see prepared.ts).
 */
export function findMentions(prose: string, index: GlossaryIndex, matched?: Iterable<Match>): BlockMention[] {
  const mentions: BlockMention[] = [];
  for (const m of matched ?? index.matches(prose)) {
    const text = m.text;
    const found = index.lookup(text);
    if (!found) continue;
    const { ref, plural } = found;
    let caseMismatch: boolean;
    if (ref.acronymLike) {
      const bare = plural ? text.slice(0, -1) : text;
      caseMismatch = bare !== ref.text;
      // "ICTS" or "Asean": only a mention when it is not just an ordinary word.
      if (caseMismatch && (ORDINARY_WORDS.has(bare.toLowerCase()) || bare === bare.toLowerCase() && bare.length <= 3)) continue;
    } else {
      caseMismatch = text !== ref.text && text.replace(/\s+/g, ' ') !== ref.text.replace(/\s+/g, ' ');
    }
    // Both links are set here, empty: set later on a mention without them, they gave it another map, and `appendMentions` deoptimised.
    mentions.push({ start: m.index, end: m.index + text.length, entry: ref.entry, ref, plural, caseMismatch, citation: undefined, expansionOf: undefined, definedBy: undefined });
  }
  const citations = findCitations(prose, index);
  // The matches come in text order; citations go in among them (most blocks have none, and a sort allocates).
  if (citations.length > 0) {
    for (const mention of citations) mentions.push(mention);
    mentions.sort((a, b) => a.start - b.start);
  }
  linkExpansions(prose, mentions);
  return mentions;
}

/**
 * False when the prose cannot hold a citation: both patterns need a number such as "71/28" or
 * "71-28" and "res" (in any case). Most blocks have neither, and the two patterns, which have no
 * literal start, would be tried at every position of them. The number first, found from its
 * separators by native searches: "res" is in most blocks, and a case-insensitive pattern has no
 * fast search either.
 */
export function mayHoldCitation(prose: string): boolean {
  return (hasNumberAround(prose, '/') || hasNumberAround(prose, '-')) && RES_HINT.test(prose);
}
const RES_HINT = /res/i;

/** Whether `separator` stands somewhere as in NUMBER: a digit, perhaps one white space, it, perhaps one white space, a digit. */
function hasNumberAround(prose: string, separator: string): boolean {
  for (let k = prose.indexOf(separator); k !== -1; k = prose.indexOf(separator, k + 1)) {
    let before = k - 1;
    if (before >= 0 && isSpace(prose.charCodeAt(before))) before--;
    if (!isDigit(prose.charCodeAt(before))) continue;
    let after = k + 1;
    if (after < prose.length && isSpace(prose.charCodeAt(after))) after++;
    if (isDigit(prose.charCodeAt(after))) return true;
  }
  return false;
}

/** RegExp's `\d` (not `u`): an ASCII digit; false for NaN, past either end. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function findCitations(prose: string, index: GlossaryIndex): BlockMention[] {
  const out: BlockMention[] = [];
  if (!mayHoldCitation(prose)) return out;
  const citation = new RegExp(CITATION);
  for (let m = citation.exec(prose); m; m = citation.exec(prose)) {
    const [, body, keyword, first, rest] = m;
    const keywordStart = m.index + (body ? m[0].indexOf(keyword, body.length) : 0);
    const firstStart = m.index + m[0].indexOf(first, keywordStart - m.index + keyword.length);
    const more = rest ? [...rest.matchAll(new RegExp(LIST_NUMBER))] : [];
    const size = 1 + more.length;
    out.push(citationMention(index, keywordStart, firstStart + first.length, first, keyword, body, 0, size, false));
    const restStart = firstStart + first.length;
    more.forEach((r, n) => {
      out.push(citationMention(index, restStart + r.index!, restStart + r.index! + r[0].length, r[0], keyword, body, n + 1, size, false));
    });
  }
  const symbol = new RegExp(SYMBOL);
  for (let m = symbol.exec(prose); m; m = symbol.exec(prose)) {
    out.push(citationMention(index, m.index, m.index + m[0].length, `${m[1]}/${m[2]}`, 'A/RES/', undefined, 0, 1, true));
  }
  return out;
}

function citationMention(
  index: GlossaryIndex,
  start: number,
  end: number,
  written: string,
  keyword: string,
  body: string | undefined,
  listIndex: number,
  listSize: number,
  symbol: boolean,
): BlockMention {
  const number = written.replace(/\s+/g, '').replace('-', '/');
  const session = Number(number.split('/')[0]);
  const entry = index.resolutions.get(number);
  return {
    start, end, entry, ref: undefined, plural: false, caseMismatch: false,
    citation: { number, session, keyword, body: body?.replace(/\s+/g, ' '), written, listIndex, listSize, symbol },
    expansionOf: undefined, definedBy: undefined,
  };
}

/** Between a name and "(ACR)": white space, closing emphasis or link markup, masked link targets. */
const BEFORE_PAREN = new RegExp(String.raw`^[\s\]${MASK}]*\(\s*$`);
const AFTER_ACRONYM = /^\s*\)/;

/**
 * Marks "Full Name (ACR)" pairs: the name is the acronym's expansion. The name may also be a
 * longer title that contains the acronym's entry, as in "2015 Report of the UN Group of
 * Governmental Experts … (UNGGE)", where the acronym stands for the Group inside the title.
 */
function linkExpansions(prose: string, mentions: BlockMention[]): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const name = mentions[i];
    const acronym = mentions[i + 1];
    if (!name.ref || !acronym.ref || !acronym.entry || name.ref.type === 'acronym' || name.ref.acronymLike) continue;
    if (acronym.ref.type !== 'acronym' && !acronym.ref.acronymLike) continue;
    // The parentheses first: most neighbouring mentions are not "Name (ACR)", and the title test below costs more.
    if (!BEFORE_PAREN.test(prose.slice(name.end, acronym.start))) continue;
    if (!AFTER_ACRONYM.test(prose.slice(acronym.end, acronym.end + 8))) continue;
    if (acronym.entry !== name.entry && !formKey(prose.slice(name.start, name.end)).includes(formKey(acronym.entry.name.replace(/^the\s+/i, '')))) continue;
    name.expansionOf = acronym;
    acronym.definedBy = name;
  }
}
