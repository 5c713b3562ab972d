import { formsKey, matcherOf, type MatcherForm } from './glossary/glossaryIndex';
import { packDocument, parseDocument, unpackDocument, type PackedDocument, type ParsedDocument } from './markdown/blocks';
import type { Match } from './match';

/**
 * The part of a draft's analysis that another thread can do ahead of it: the text's parse and
 * the glossary matcher's finds in each block's prose. The CLI prepares drafts on a worker thread
 * while its main thread analyses those prepared before (see `checkInPipeline` in cli.ts).
 */
export interface PreparedDocument {
  readonly parsed: ParsedDocument;
  /** `matcherKey()` of the index that found `matches`: the analysis uses them only with an index of the same key. */
  readonly matcherKey: string;
  /** By block: what `GlossaryIndex.matches` finds in its prose; undefined for a block without prose. */
  readonly matches: ReadonlyArray<readonly Match[] | undefined>;
}

/** A prepared document as flat data, which passes from one thread to another (its two arrays by transfer). */
export interface PackedPrepared {
  readonly parse: PackedDocument;
  readonly matcherKey: string;
  /** For each block with prose, in order: how many matches, then each one's index and length. */
  readonly finds: Int32Array<ArrayBuffer>;
}

/** What finds a glossary's forms in prose: a `GlossaryIndex`, or `formFinder` on another thread. */
export interface FormFinder {
  matches(text: string): Iterable<Match>;
  matcherKey(): string;
}

/** A finder of `forms` (a `GlossaryIndex`'s `matcherForms()`, passed to another thread): it finds what the index finds. */
export function formFinder(forms: readonly MatcherForm[]): FormFinder {
  const matcher = matcherOf(forms);
  const key = formsKey(forms);
  return { matches: (text) => matcher.matches(text), matcherKey: () => key };
}

/** The parse of `text`, and the matches of `finder`'s forms in each block's prose. */
export function prepareDocument(text: string, finder: FormFinder): PreparedDocument {
  const parsed = parseDocument(text);
  // Pushed: lists made by `map` were not all of one elements kind, and V8 compiled `packPrepared` twice (core/lists.ts).
  const matches: Array<Match[] | undefined> = [];
  for (const block of parsed.blocks) matches.push(block.prose === '' ? undefined : [...finder.matches(block.prose)]);
  return { parsed, matcherKey: finder.matcherKey(), matches };
}

export function packPrepared({ parsed, matcherKey, matches }: PreparedDocument): PackedPrepared {
  let size = 0;
  for (const found of matches) if (found) size += 1 + 2 * found.length;
  const finds = new Int32Array(size);
  let k = 0;
  for (const found of matches) {
    if (!found) continue;
    finds[k++] = found.length;
    for (const match of found) {
      finds[k++] = match.index;
      finds[k++] = match.text.length;
    }
  }
  return { parse: packDocument(parsed), matcherKey, finds };
}

export function unpackPrepared({ parse, matcherKey, finds }: PackedPrepared): PreparedDocument {
  const parsed = unpackDocument(parse);
  const matches: Array<Match[] | undefined> = [];
  let k = 0;
  for (const block of parsed.blocks) {
    if (block.prose === '') {
      matches.push(undefined);
      continue;
    }
    const found: Match[] = [];
    for (let count = finds[k++]; count > 0; count--, k += 2) found.push({ index: finds[k], text: block.prose.slice(finds[k], finds[k] + finds[k + 1]) });
    matches.push(found);
  }
  return { parsed, matcherKey, matches };
}

/** The buffers of a packed document, to transfer rather than copy. */
export function packedBuffers(packed: PackedPrepared): ArrayBuffer[] {
  return [packed.parse.numbers.buffer, packed.finds.buffer];
}
