/**
 * The glossary model shared by the built-in glossary and user glossaries.
 * The file format is fixed in `docs/glossaries.md`; this module only holds the types and the
 * closed vocabularies the loader validates against.
 */

/** Every kind an entry may have, in the order hover and the terms view present them. */
export const ENTRY_KINDS = [
  'body',
  'forum',
  'meeting',
  'working-group',
  'resolution',
  'report',
  'statement',
  'strategy',
  'plan',
  'programme',
  'partnership',
  'centre',
  'office',
  'concept',
  'place',
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Date keys an entry may carry; values are ISO dates, possibly partial ("2016", "2018-11"). */
export const DATE_KEYS = ['established', 'adopted', 'opened', 'launched', 'announced', 'signed', 'agreed', 'renamed'] as const;
export type DateKey = (typeof DATE_KEYS)[number];

export type VariantStatus = 'deprecated' | 'superseded';

/** A non-preferred written form of an entry. */
export interface Variant {
  readonly text: string;
  readonly reason?: string;
  readonly status: VariantStatus;
  /** The form a fix writes instead; the entry's name when absent. */
  readonly replacement?: string;
}

/** Where a fact comes from: an external document, or a paragraph of a known statement. */
export type Source =
  | { readonly title: string; readonly url?: string }
  | { readonly statement: string; readonly paragraph?: number };

export interface Entry {
  readonly id: string;
  readonly kind: EntryKind;
  readonly name: string;
  readonly acronym?: string;
  /** Whether the acronym must be expanded at its first use in a document. */
  readonly expand: boolean;
  readonly accepted: readonly string[];
  readonly variants: readonly Variant[];
  readonly definition?: string;
  readonly parent?: string;
  readonly dates: Readonly<Partial<Record<DateKey, string>>>;
  readonly symbol?: string;
  /** Resolution number ("71/28"), for `kind: resolution`. */
  readonly number?: string;
  /** Official title of a resolution or report. */
  readonly title?: string;
  readonly sources: readonly Source[];
  readonly related: readonly string[];
  readonly replacedBy?: string;
  /** Where the entry was defined: the glossary file and the 0-based line of its `id`. */
  readonly origin: EntryOrigin;
}

/**
 * `e` with every field present, in one order. Entries from every loader have these fields in this
 * order (TBX and the compiled built-in glossary are made with this; the YAML and JSON loaders write
 * the same object out; test/core/entryShape.test.ts compares), so all entries share one hidden
 * class and the code that reads them (each rule, hover, completion) stays monomorphic: entries of
 * several shapes (the built-in glossary's, parsed from JSON without its absent fields) made V8
 * throw away compiled rule code at the first entry of a new one (`--trace-deopt`).
 */
export function entryOf(e: Entry): Entry {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    acronym: e.acronym,
    expand: e.expand,
    accepted: e.accepted,
    variants: e.variants,
    definition: e.definition,
    parent: e.parent,
    dates: e.dates,
    symbol: e.symbol,
    number: e.number,
    title: e.title,
    sources: e.sources,
    related: e.related,
    replacedBy: e.replacedBy,
    origin: e.origin,
  };
}

/** `v` with every field present, in one order (see `entryOf`). */
export function variantOf(v: Variant): Variant {
  return { text: v.text, reason: v.reason, status: v.status, replacement: v.replacement };
}

export interface EntryOrigin {
  /** A URI or path naming the glossary file, or `builtin`. */
  readonly glossary: string;
  /** A short label for hover, such as `team.lexicon.yaml` or `built-in glossary`. */
  readonly label: string;
  readonly line: number;
  readonly character: number;
}

/** A validated glossary file. */
export interface Glossary {
  readonly origin: string;
  readonly label: string;
  readonly entries: readonly Entry[];
}

/** A problem found while loading a glossary, at a 0-based position in its file. */
export interface GlossaryProblem {
  readonly message: string;
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly severity: 'error' | 'warning';
}

export interface LoadResult {
  /** Undefined when the file could not be used at all (syntax error, wrong top-level shape). */
  readonly glossary: Glossary | undefined;
  readonly problems: readonly GlossaryProblem[];
}
