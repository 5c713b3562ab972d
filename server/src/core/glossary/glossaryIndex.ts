import type { Entry, Glossary, Variant } from './schema';
import { FNV_SEED, fnvMix, formKey, memoised, plainPunctuation } from '../text';
import { alternationLength, AlternationMatcher, FormMatcher, isSpace, patternLength } from './formMatcher';

/**
 * Up to this many characters of source, one compiled alternation is faster than the hash matcher.
 * V8 optimises a RegExp of at most 20 KB of source: past it, the alternation of a 1,000-entry
 * glossary's forms slowed from 2.4 to 46 ms on 200 KB (19,893 to 21,771 characters). Counting
 * forms let 400 long names cross that line. Over the prose of the 10 MB benchmark (2026-12-06,
 * since the alternation matches collapsed white space with literal spaces): its 100-entry
 * glossary's 398 forms (14,201 characters) in ~75 ms against ~120 for the hash matcher; with
 * more forms, 82 against 135 ms at 17,922 characters, 99 against 118 at 20,447, and 145 against
 * 118 at 21,996, past V8's limit.
 */
export const ALTERNATION_MAX_LENGTH = 18_000;

export type FormType = 'name' | 'acronym' | 'accepted' | 'variant';

/** One written form of an entry, as the matcher knows it. */
export interface FormRef {
  readonly entry: Entry;
  readonly type: FormType;
  /** The form as the glossary writes it. */
  readonly text: string;
  readonly variant?: Variant;
  /** A single token written in capitals ("AMMTC", "ADMM-Plus" is not): matched case-sensitively. */
  readonly acronymLike: boolean;
}

/** What `lookup` finds: the form, and whether it was written as a plural acronym. */
export interface FoundForm {
  readonly ref: FormRef;
  readonly plural: boolean;
}

/** Resolution citations are found by the citation scanner, not by the matcher. */
const CITATION_FORM = /resolutions?\s+\d+\s*\/\s*\d+|A\/RES\//i;

/**
 * Everything looked up per request, built once per glossary change: the entries by id, every
 * written form by its key, the form matcher (longest first, whole words), and resolutions by
 * number. The completion word index is built on first use.
 */
export class GlossaryIndex {
  readonly entries: ReadonlyMap<string, Entry>;
  /** For an entry defined again by a later glossary: the entry it replaces. */
  readonly overridden: ReadonlyMap<string, Entry>;
  /** Every written form by its key; forms differing only in case share a key (highest rank first). */
  readonly forms: ReadonlyMap<string, readonly FormRef[]>;
  readonly resolutions: ReadonlyMap<string, Entry>;
  /** Entries by acronym (exact case). */
  readonly acronyms: ReadonlyMap<string, Entry>;
  /** The glossaries the index was built from, in precedence order (later wins). */
  readonly glossaries: readonly Glossary[];
  private readonly matcher: FormMatcher | AlternationMatcher;
  private readonly alternatives: readonly MatcherForm[];
  private key: string | undefined;
  /**
   * `lookup`'s answers by the text as written (null: none). A draft writes the same few forms
   * again and again, and each match cost a form key (a pass for plain ASCII and a lower-case
   * copy) and a new answer: ~10 % of the CLI main thread's warm pass over the 10 MB corpus, in
   * process. The answer depends on the text alone, and the index does not change.
   */
  private readonly found = memoised((matched): FoundForm | null => this.lookupAfresh(matched) ?? null);
  private words: WordIndex | undefined;

  constructor(glossaries: readonly Glossary[]) {
    this.glossaries = glossaries;
    const entries = new Map<string, Entry>();
    const overridden = new Map<string, Entry>();
    for (const glossary of glossaries) {
      for (const entry of glossary.entries) {
        const previous = entries.get(entry.id);
        if (previous) overridden.set(entry.id, previous);
        entries.set(entry.id, entry);
      }
    }
    this.entries = entries;
    this.overridden = overridden;

    const forms = new Map<string, FormRef[]>();
    const resolutions = new Map<string, Entry>();
    const acronyms = new Map<string, Entry>();
    const add = (entry: Entry, type: FormType, text: string, variant?: Variant) => {
      const key = formKey(text);
      if (key === '') return;
      const ref: FormRef = { entry, type, text, variant, acronymLike: isAcronymLike(text) };
      const list = forms.get(key);
      if (!list) {
        forms.set(key, [ref]);
        return;
      }
      // Several forms can share a key when they differ only in case ("ICT" and a title-case accepted
      // form). Another entry's forms are replaced when this one ranks at least as high (later
      // glossaries win), so a list only ever holds one entry's forms, highest rank first.
      if (list[0].entry.id !== entry.id) {
        if (rank(list[0].type) <= rank(type)) forms.set(key, [ref]);
        return;
      }
      // The entry's own: after the last of at least its rank (a stable sort by rank).
      let at = list.length;
      while (at > 0 && rank(list[at - 1].type) < rank(type)) at--;
      list.splice(at, 0, ref);
    };
    for (const entry of entries.values()) {
      add(entry, 'name', entry.name);
      if (entry.acronym) {
        add(entry, 'acronym', entry.acronym);
        acronyms.set(entry.acronym, entry);
      }
      for (const text of entry.accepted) add(entry, 'accepted', text);
      // A document symbol ("A/70/174") names its report; resolution symbols go through the citation scanner.
      if (entry.symbol && entry.kind !== 'resolution') add(entry, 'accepted', entry.symbol);
      for (const variant of entry.variants) add(entry, 'variant', variant.text, variant);
      if (entry.kind === 'resolution' && entry.number) resolutions.set(entry.number.replace(/\s+/g, ''), entry);
    }
    this.forms = forms;
    this.resolutions = resolutions;
    this.acronyms = acronyms;

    this.alternatives = alternationOrder(forms);
    this.matcher = matcherOf(this.alternatives);
  }

  /**
   * Every form in `text`, left to right: at each position the first (longest) form that
   * matches there, then on after it, as one case-insensitive alternation of all forms, longest
   * first, between non-word characters, would find (see FormMatcher).
   */
  matches(text: string): Iterable<{ readonly index: number; readonly text: string }> {
    return this.matcher.matches(text);
  }

  /** The forms `matches` looks for, in its order: a matcher made of them elsewhere (`matcherOf`) finds the same. */
  matcherForms(): readonly MatcherForm[] {
    return this.alternatives;
  }

  /** `formsKey` of `matcherForms()`. */
  matcherKey(): string {
    return (this.key ??= formsKey(this.alternatives));
  }

  /**
   * Finds the form a matched text stands for, and whether it was written as a plural acronym.
   * Among forms that differ only in case, the one written exactly wins.
   */
  lookup(matched: string): FoundForm | undefined {
    return this.found(matched) ?? undefined;
  }

  private lookupAfresh(matched: string): FoundForm | undefined {
    const key = formKey(matched);
    const refs = this.forms.get(key);
    if (refs) return { ref: pickExact(refs, matched), plural: false };
    if (key.endsWith('s')) {
      const singular = this.forms.get(key.slice(0, -1));
      const ref = singular && pickExact(singular, matched.slice(0, -1));
      if (ref?.acronymLike) return { ref, plural: true };
    }
    return undefined;
  }

  /** Entries with a word starting with `prefix` (case-insensitive), in a stable order. */
  entriesWithWordPrefix(prefix: string, limit: number): { entries: Entry[]; complete: boolean } {
    this.words ??= new WordIndex(this.entries.values());
    return this.words.find(prefix.toLowerCase(), limit);
  }
}

/** A form as the matcher looks for it: the text to match (trimmed, plain punctuation), and whether it also matches with an `s` after it. */
export interface MatcherForm {
  readonly text: string;
  readonly plural: boolean;
}

/**
 * The matcher of `forms` (in alternation order). A few hundred short forms are found faster by one
 * alternation, which V8 compiles to native code; its cost grows with every form, the hash
 * matcher's does not. Both find the same matches.
 */
export function matcherOf(forms: readonly MatcherForm[]): FormMatcher | AlternationMatcher {
  return alternationLength(forms, ALTERNATION_MAX_LENGTH) <= ALTERNATION_MAX_LENGTH ? new AlternationMatcher(forms) : new FormMatcher(forms);
}

/** The forms, in their order, hashed into a short string: matchers of forms with the same key find the same matches. */
export function formsKey(forms: readonly MatcherForm[]): string {
  let hash = FNV_SEED;
  let length = 0;
  for (const { text, plural } of forms) {
    for (let i = 0; i < text.length; i++) hash = fnvMix(hash, text.charCodeAt(i));
    hash = fnvMix(hash, plural ? 1 : 0);
    length += text.length;
  }
  return `${forms.length}:${length}:${(hash >>> 0).toString(16)}`;
}

/**
 * The forms the matcher looks for, in the order of one alternation of all of them: longest pattern
 * first, and in their order when equal (a stable bucket sort). Resolutions are left to the
 * citation scanner.
 */
export function alternationOrder(forms: ReadonlyMap<string, readonly FormRef[]>): MatcherForm[] {
  const byLength: Array<Array<{ text: string; plural: boolean }>> = [];
  for (const [ref] of forms.values()) {
    if (ref.entry.kind === 'resolution' || CITATION_FORM.test(ref.text)) continue;
    // Documents are matched in plain punctuation, so forms are too ("OEWG 2021–2025" matches "OEWG 2021-2025").
    const text = plainPunctuation(ref.text).trim();
    // Acronyms also match their plural ("ICTs"); the lookup strips the `s` again.
    const plural = ref.acronymLike && /[A-Z0-9]$/.test(ref.text);
    (byLength[patternLength(text) + (plural ? 2 : 0)] ??= []).push({ text, plural });
  }
  const alternatives: Array<{ text: string; plural: boolean }> = [];
  for (let length = byLength.length - 1; length >= 0; length--) for (const form of byLength[length] ?? []) alternatives.push(form);
  return alternatives;
}

/** The form written as `written` is, punctuation and spacing aside, else the first (the highest ranked). */
function pickExact(refs: readonly FormRef[], written: string): FormRef {
  // Most keys hold one form: every match is looked up, and the answer is the same either way.
  if (refs.length === 1) return refs[0];
  const plain = plainForm(written);
  return refs.find((r) => plainForm(r.text) === plain) ?? refs[0];
}

const plainForm = memoised((text: string) => plainPunctuation(text).replace(/\s+/g, ' '));

function rank(type: FormType): number {
  return type === 'name' || type === 'acronym' ? 2 : type === 'accepted' ? 1 : 0;
}

/** `!/\s/.test(text.trim()) && isAllCaps(text)`, in one pass without copies (it runs for every form). */
function isAcronymLike(text: string): boolean {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (isSpace(c)) return false;
  }
  return upper;
}

/** A sorted array of (word, entry) pairs; a prefix query is two binary searches. */
class WordIndex {
  private readonly words: string[] = [];
  private readonly owners: Entry[] = [];

  constructor(entries: Iterable<Entry>) {
    const pairs: Array<[string, Entry]> = [];
    for (const entry of entries) {
      const seen = new Set<string>();
      const texts = [entry.name, ...(entry.acronym ? [entry.acronym] : []), ...entry.accepted];
      for (const text of texts) {
        const lower = formKey(text);
        // The whole form, and every word and hyphen-separated part of it.
        for (const word of [lower, ...lower.split(/[\s\-/]+/)]) {
          if (word && !seen.has(word)) {
            seen.add(word);
            pairs.push([word, entry]);
          }
        }
      }
    }
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [word, entry] of pairs) {
      this.words.push(word);
      this.owners.push(entry);
    }
  }

  find(prefix: string, limit: number): { entries: Entry[]; complete: boolean } {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found = new Set<Entry>();
    for (let i = lo; i < this.words.length && this.words[i].startsWith(prefix); i++) {
      found.add(this.owners[i]);
      if (found.size > limit) return { entries: [...found].slice(0, limit), complete: false };
    }
    return { entries: [...found], complete: true };
  }
}
