import type { DocumentAnalysis, Mention } from '../analysis';
import type { FormRef, GlossaryIndex } from '../glossary/glossaryIndex';
import type { Entry } from '../glossary/schema';
import { formKey, memoised } from '../text';
import { capitalise, isSentenceStart, oneLine, softKey } from './common';
import type { DocumentRule, RawFinding, RuleContext } from './types';

/**
 * Flags one document writing the same admitted term two ways: "cyberspace" and "cyber space",
 * "capacity building" and "capacity-building". Only spellings of the same words count (spaces,
 * hyphens, apostrophes, British/US spelling); a short and a long name ("General Assembly",
 * "United Nations General Assembly") are both normal in one text. Later forms align with the
 * form used first. A listed variant is `non-canonical` instead.
 */
export const inconsistentForm: DocumentRule = {
  id: 'inconsistent-form',
  scope: 'document',
  defaultSeverity: 'warning',
  description: 'One document writing two admitted forms of the same term; later uses should follow the first.',
  check({ analysis, index }: RuleContext): RawFinding[] {
    const findings: RawFinding[] = [];
    const candidates = entriesWithTwoSpellings(index);
    if (candidates.size === 0) return findings;
    // Per entry that can be flagged, its mentions in order: spelling key -> first mention written that way.
    for (const list of analysis.entryMentions.values()) {
      const entry = list[0].entry;
      if (!entry || !candidates.has(entry)) continue;
      const forms = new Map<string, Mention>();
      // What a form's mentions get, settled at its first one (the first mention of each spelling
      // never changes): null, or the first mention written the other way.
      const decided = new Map<FormRef, Mention | null>();
      for (let i = 0; i < list.length; i++) {
        const mention = list[i];
        const ref = mention.ref;
        if (!ref || ref.type === 'variant') continue;
        let earlier = decided.get(ref);
        if (earlier === undefined) {
          const key = spellingKey(ref.text);
          const first = forms.get(key);
          if (!first) forms.set(key, mention);
          earlier = !first || first.ref!.text === ref.text || formKey(first.ref!.text) === formKey(ref.text) ? null : first;
          decided.set(ref, earlier);
        }
        if (earlier !== null) findings.push(inconsistency(analysis, mention, earlier));
      }
    }
    // In document order, as every rule reports.
    findings.sort((a, b) => a.start - b.start);
    return findings;
  },
};

/** The finding of `mention`, written another way than `earlier`, the first of its spelling. */
export function inconsistency(analysis: DocumentAnalysis, mention: Mention, earlier: Mention): RawFinding {
  const block = analysis.blocks[mention.block];
  const target = isSentenceStart(block, mention.start) ? capitalise(earlier.ref!.text) : earlier.ref!.text;
  return {
    start: mention.start,
    end: mention.end,
    message: `"${oneLine(mention.text)}" and "${oneLine(earlier.text)}" are two forms of the same term in one document: write "${earlier.ref!.text}" as at its first use.`,
    fix: { title: `Replace with "${target}"`, edits: [{ start: mention.start, end: mention.end, newText: target }] },
    related: [{ start: earlier.start, end: earlier.end, message: `first written "${oneLine(earlier.text)}" here` }],
  };
}

/**
 * The entries with two admitted forms that spell the same words differently: the only entries
 * this rule can flag, so a check looks only at their mentions. Computed once per index.
 */
const twoSpellings = new WeakMap<GlossaryIndex, ReadonlySet<Entry>>();
export function entriesWithTwoSpellings(index: GlossaryIndex): ReadonlySet<Entry> {
  let found = twoSpellings.get(index);
  if (found) return found;
  const out = new Set<Entry>();
  // Per entry: spelling key -> the form key first seen with it.
  const seen = new Map<Entry, Map<string, string>>();
  for (const refs of index.forms.values()) {
    for (const ref of refs) {
      if (ref.type === 'variant') continue;
      let keys = seen.get(ref.entry);
      if (!keys) seen.set(ref.entry, (keys = new Map()));
      const spelling = spellingKey(ref.text);
      const form = keys.get(spelling);
      if (form === undefined) keys.set(spelling, formKey(ref.text));
      else if (form !== formKey(ref.text)) out.add(ref.entry);
    }
  }
  twoSpellings.set(index, (found = out));
  return found;
}

/** The same words whatever the spacing, hyphens, apostrophes and spelling: "cyber space" and "Cyberspace" share it. */
export const spellingKey = memoised(computeSpellingKey);

function computeSpellingKey(text: string): string {
  return formKey(text)
    .split(/[\s\-]+/)
    .map(softKey)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}
