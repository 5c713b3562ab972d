import { formKey } from '../text';
import type { Entry, Glossary, GlossaryProblem } from './schema';

/**
 * Problems that only show when glossaries are read together, reported on the glossary file
 * where they are (keyed by `Glossary.origin`): the same acronym for two entries of one file,
 * a variant that is another entry's official name, a parent, related or successor id that no
 * glossary defines, and the same id in two discovered files (reported on both). An id repeated
 * on purpose, by the `glossaries` list over the built-in or discovered files, is an override,
 * not a conflict.
 */
export function glossarySetProblems(glossaries: readonly Glossary[], discovered: ReadonlySet<string>): Map<string, GlossaryProblem[]> {
  const out = new Map<string, GlossaryProblem[]>();
  const report = (glossary: Glossary, entry: Entry, message: string) => {
    const list = out.get(glossary.origin) ?? [];
    list.push({
      message,
      line: entry.origin.line,
      character: entry.origin.character,
      endLine: entry.origin.line,
      endCharacter: entry.origin.character + entry.id.length,
      severity: 'warning',
    });
    out.set(glossary.origin, list);
  };

  const ids = new Set<string>();
  const names = new Map<string, Entry>();
  for (const glossary of glossaries) {
    for (const entry of glossary.entries) {
      ids.add(entry.id);
      names.set(formKey(entry.name), entry);
    }
  }

  const seenIn = new Map<string, Glossary>();
  for (const glossary of glossaries) {
    const acronyms = new Map<string, Entry>();
    for (const entry of glossary.entries) {
      if (entry.acronym) {
        const other = acronyms.get(entry.acronym);
        if (other) report(glossary, entry, `the acronym "${entry.acronym}" is also the acronym of \`${other.id}\` in this glossary`);
        else acronyms.set(entry.acronym, entry);
      }
      for (const variant of entry.variants) {
        const owner = names.get(formKey(variant.text));
        if (owner && owner.id !== entry.id) report(glossary, entry, `the variant "${variant.text}" is the official name of \`${owner.id}\``);
      }
      for (const [field, ref] of [['parent', entry.parent], ['replacedBy', entry.replacedBy], ...entry.related.map((r) => ['related', r] as const)] as const) {
        if (ref && !ids.has(ref)) report(glossary, entry, `${field}: no glossary defines an entry \`${ref}\``);
      }
      if (discovered.has(glossary.origin)) {
        const first = seenIn.get(entry.id);
        if (first && first !== glossary) {
          report(glossary, entry, `the id \`${entry.id}\` is also defined in ${first.label}`);
          const original = first.entries.find((e) => e.id === entry.id)!;
          report(first, original, `the id \`${entry.id}\` is also defined in ${glossary.label}`);
        } else {
          seenIn.set(entry.id, glossary);
        }
      }
    }
  }
  return out;
}
