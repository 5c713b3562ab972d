import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../analysis';
import { isIntroducedBefore } from '../analysis';
import type { GlossaryIndex } from '../glossary/glossaryIndex';
import type { Entry, EntryKind } from '../glossary/schema';
import { MASK } from '../markdown/blocks';
import { kindLabel } from '../describe';
import { formKey } from '../text';

/** One completion offered to the drafter, in domain terms. */
export interface CompletionCandidate {
  readonly label: string;
  readonly kind: EntryKind;
  readonly entryId: string;
  /** "meeting · ASEAN — inserts AMMTC". */
  readonly detail: string;
  readonly documentation: string | undefined;
  readonly insertText: string;
  /** The typed text the insertion replaces. */
  readonly replace: { readonly start: Position; readonly end: Position };
  readonly filterText: string;
  readonly sortText: string;
  /** Whether this is the acronym's item (the name has its own). */
  readonly acronymItem: boolean;
}

export interface CompletionResult {
  readonly items: readonly CompletionCandidate[];
  /** More entries matched than were returned: ask again as the drafter types. */
  readonly incomplete: boolean;
}

const MAX_ITEMS = 100;
const MAX_TAIL_WORDS = 6;
/** Characters a typed term may contain: "U.S.-A", "ASEAN-J", "ADMM-Plus", "A/RES/7". */
const TERM_CHAR = /[\p{L}\p{N}.\-'’/+&]/u;
const RESOLUTION_CONTEXT = /(?:^|[^\p{L}\p{N}])(?:resolutions?|res\.?)\s+(\d{0,3}(?:\/\d{0,4})?)$/iu;

export function complete(doc: TextDocument, analysis: DocumentAnalysis, index: GlossaryIndex, position: Position): CompletionResult {
  const offset = doc.offsetAt(position);
  if (!isProseAt(analysis, offset)) return { items: [], incomplete: false };
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const before = analysis.text.slice(lineStart, offset);

  const resolution = RESOLUTION_CONTEXT.exec(before);
  if (resolution) return completeResolutions(doc, index, offset, resolution[1]);

  let tailStart = before.length;
  while (tailStart > 0 && TERM_CHAR.test(before[tailStart - 1])) tailStart--;
  // A surrogate pair is one letter to \p{L}; never split one.
  const word = before.slice(tailStart).replace(/^[.\-'’/]+/, '');
  const wordStart = offset - word.length;

  const { entries, complete: exhaustive } = word
    ? index.entriesWithWordPrefix(firstWordPart(word), MAX_ITEMS * 4)
    : { entries: [...index.entries.values()].slice(0, MAX_ITEMS * 4), complete: index.entries.size <= MAX_ITEMS * 4 };

  const tails = multiWordTails(before, tailStart);
  const items: CompletionCandidate[] = [];
  for (const entry of entries) {
    if (entry.kind === 'resolution') continue;
    const introduced = isIntroducedBefore(analysis, entry, offset);
    const insert = (own: string) =>
      entry.acronym && entry.expand ? (introduced ? entry.acronym : `${entry.name} (${entry.acronym})`) : own;

    const acronymMatches = entry.acronym !== undefined && (!word || formKey(entry.acronym).startsWith(formKey(word)));
    // Typing the acronym offers the name too; its filter text leads with the acronym so clients keep it.
    const nameMatch =
      matchName(entry.name, word, tails) ??
      (acronymMatches ? { score: 2, tailLength: 0, filterText: `${entry.acronym} ${entry.name}` } : undefined);
    if (nameMatch) {
      const start = nameMatch.tailLength ? offset - nameMatch.tailLength : wordStart;
      items.push(candidate(doc, index, entry, entry.name, insert(entry.name), start, offset, nameMatch.filterText, nameMatch.score, false));
    }
    if (acronymMatches) {
      items.push(candidate(doc, index, entry, entry.acronym!, insert(entry.acronym!), wordStart, offset, entry.acronym!, word ? 0 : 3, true));
    }
  }
  items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { items: items.slice(0, MAX_ITEMS), incomplete: !exhaustive || items.length > MAX_ITEMS };
}

/** The part of a typed word the word index can answer: "ASEAN-J" is looked up as "asean-j" and as "asean". */
function firstWordPart(word: string): string {
  return formKey(word).split(/[\s\-/]+/)[0] || formKey(word);
}

interface NameMatch {
  readonly score: number;
  /** Length of the typed multi-word text the name replaces (0: just the current word). */
  readonly tailLength: number;
  readonly filterText: string;
}

/**
 * How a typed word (or the last few typed words) matches a name: as a prefix of the whole
 * name ("ASEAN-J", "ASEAN Reg"), or as the start of one of its words ("Smart").
 */
function matchName(name: string, word: string, tails: ReadonlyArray<{ text: string; length: number }>): NameMatch | undefined {
  const key = formKey(name);
  if (!word) return { score: 3, tailLength: 0, filterText: name };
  for (const tail of tails) {
    if (key.startsWith(formKey(tail.text))) return { score: 0, tailLength: tail.length, filterText: name };
  }
  const typed = formKey(word);
  if (key.startsWith(typed)) return { score: 0, tailLength: 0, filterText: name };
  const parts = key.split(/(?<=[\s\-/])/);
  let at = 0;
  for (const part of parts) {
    if (at > 0 && part.startsWith(typed)) {
      // Rotate the name so the filter sees the typed word first: "Smart Cities Partnership U.S.-ASEAN".
      return { score: 1, tailLength: 0, filterText: `${name.slice(at)} ${name.slice(0, at)}`.trim() };
    }
    at += part.length;
  }
  return undefined;
}

/** The last 2..6 typed words before the cursor ("ASEAN Reg"), longest first. */
function multiWordTails(before: string, tailStart: number): Array<{ text: string; length: number }> {
  const tails: Array<{ text: string; length: number }> = [];
  let start = tailStart;
  for (let n = 1; n < MAX_TAIL_WORDS; n++) {
    let k = start;
    while (k > 0 && /[ \t]/.test(before[k - 1])) k--;
    if (k === start || k === 0) break;
    let w = k;
    while (w > 0 && TERM_CHAR.test(before[w - 1])) w--;
    if (w === k) break;
    start = w;
    tails.push({ text: before.slice(start), length: before.length - start });
  }
  return tails.reverse();
}

function candidate(
  doc: TextDocument,
  index: GlossaryIndex,
  entry: Entry,
  label: string,
  insertText: string,
  start: number,
  end: number,
  filterText: string,
  score: number,
  acronymItem: boolean,
): CompletionCandidate {
  const parent = entry.parent ? index.entries.get(entry.parent) : undefined;
  const context = [kindLabel(entry.kind), parent ? (parent.acronym && !parent.expand ? parent.acronym : parent.name) : undefined].filter(Boolean).join(' \u00B7 ');
  return {
    label,
    kind: entry.kind,
    entryId: entry.id,
    detail: insertText === label ? context : `${context} \u2014 inserts "${insertText}"`,
    documentation: entry.definition,
    insertText,
    replace: { start: doc.positionAt(start), end: doc.positionAt(end) },
    filterText,
    sortText: `${score}${acronymItem ? 1 : 0}${label.toLowerCase()}`,
    acronymItem,
  };
}

function completeResolutions(doc: TextDocument, index: GlossaryIndex, offset: number, typed: string): CompletionResult {
  const items: CompletionCandidate[] = [];
  for (const [number, entry] of index.resolutions) {
    if (!number.startsWith(typed)) continue;
    const [session, serial] = number.split('/').map(Number);
    items.push({
      label: number,
      kind: entry.kind,
      entryId: entry.id,
      detail: entry.title ?? entry.name,
      documentation: entry.definition,
      insertText: number,
      replace: { start: doc.positionAt(offset - typed.length), end: doc.positionAt(offset) },
      filterText: number,
      sortText: `${String(session).padStart(3, '0')}/${String(serial).padStart(4, '0')}`,
      acronymItem: false,
    });
  }
  items.sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
  return { items, incomplete: false };
}

/** Completion belongs in prose only: not in code, front matter, HTML, URLs or link targets. */
function isProseAt(analysis: DocumentAnalysis, offset: number): boolean {
  for (const block of analysis.blocks) {
    if (offset < block.start) break;
    if (offset > block.end || (offset === block.end && block.end < analysis.text.length)) continue;
    if (block.prose === '') return false;
    const rel = offset - block.start;
    if (rel > 0 && block.prose[rel - 1] === MASK) return false;
    return true;
  }
  return true;
}
