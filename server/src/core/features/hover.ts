import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, Mention } from '../analysis';
import { mentionAt } from '../analysis';
import type { GlossaryIndex } from '../glossary/glossaryIndex';
import type { DateKey, Entry } from '../glossary/schema';
import { dateLabel, describeSource, displayName, formatDate, kindLabel, sessionLabel } from '../describe';

/**
 * What hover shows about a mention, as plain text pieces: the LSP layer escapes every piece
 * and builds the Markdown, so glossary text never becomes markup.
 */
export interface TermInfo {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly entryId: string | undefined;
  /** "ASEAN Ministerial Meeting on Transnational Crime (AMMTC)". */
  readonly heading: string;
  /** "meeting · part of ASEAN". */
  readonly subtitle: string;
  /** Notes about the written form ("Written here as …"), then the definition. */
  readonly paragraphs: readonly string[];
  readonly facts: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  /** Sources as text, each with an http(s) link when it has one. */
  readonly sources: ReadonlyArray<{ readonly text: string; readonly url?: string }>;
  /** Which glossary the entry comes from. */
  readonly origin: string | undefined;
}

export function hover(doc: TextDocument, analysis: DocumentAnalysis, index: GlossaryIndex, position: Position): TermInfo | undefined {
  const mention = mentionAt(analysis, doc.offsetAt(position));
  if (!mention) return undefined;
  const range = { start: doc.positionAt(mention.start), end: doc.positionAt(mention.end) };
  if (!mention.entry) return unknownResolution(mention, range);
  return describeEntry(mention.entry, index, range, mention);
}

/** Describes an entry; with a mention, also says how it was written there. */
export function describeEntry(entry: Entry, index: GlossaryIndex, range: TermInfo['range'], mention?: Mention): TermInfo {
  const parent = entry.parent ? index.entries.get(entry.parent) : undefined;
  const subtitle = [kindLabel(entry.kind), parent ? `part of ${parent.acronym && !parent.expand ? parent.acronym : parent.name}` : undefined]
    .filter(Boolean)
    .join(' \u00B7 ');
  const paragraphs: string[] = [];
  const ref = mention?.ref;
  if (ref?.type === 'variant') {
    const replacement = ref.variant?.replacement ?? entry.name;
    paragraphs.push(`Written here as "${mention!.text}", a ${ref.variant?.status ?? 'deprecated'} form; the official form is "${replacement}"${ref.variant?.reason ? ` (${ref.variant.reason})` : ''}.`);
  }
  if (entry.title) paragraphs.push(`Title: "${entry.title}"`);
  if (entry.definition) paragraphs.push(entry.definition);

  const facts: Array<{ label: string; value: string }> = [];
  for (const [key, value] of Object.entries(entry.dates)) {
    if (value) facts.push({ label: dateLabel(key as DateKey), value: formatDate(value) });
  }
  if (entry.kind === 'resolution' && entry.number && !entry.dates.adopted) {
    const session = Number(entry.number.split('/')[0]);
    if (session > 0) facts.push({ label: 'Session', value: sessionLabel(session) });
  }
  if (entry.symbol) facts.push({ label: 'Document symbol', value: entry.symbol });
  const successor = entry.replacedBy ? index.entries.get(entry.replacedBy) : undefined;
  if (successor) facts.push({ label: 'Succeeded by', value: displayName(successor) });
  return {
    range,
    entryId: entry.id,
    heading: displayName(entry),
    subtitle,
    paragraphs,
    facts,
    sources: entry.sources.map(describeSource),
    origin: index.overridden.has(entry.id) ? `${entry.origin.label} (overrides the entry of ${index.overridden.get(entry.id)!.origin.label})` : entry.origin.label,
  };
}

function unknownResolution(mention: Mention, range: TermInfo['range']): TermInfo | undefined {
  const citation = mention.citation;
  if (!citation) return undefined;
  return {
    range,
    entryId: undefined,
    heading: `General Assembly resolution ${citation.number}`,
    subtitle: 'resolution \u00B7 not in the glossary',
    paragraphs: ['This resolution is not in any loaded glossary, so its title and date are not known here.'],
    facts: [
      { label: 'Session', value: sessionLabel(citation.session) },
      { label: 'Document symbol', value: `A/RES/${citation.number}` },
    ],
    sources: [],
    origin: undefined,
  };
}
