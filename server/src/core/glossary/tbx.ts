import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ENTRY_KINDS, entryOf, variantOf, type Entry, type EntryKind, type GlossaryProblem, type LoadResult, type Variant } from './schema';
import { MAX_GLOSSARY_BYTES, MAX_STRING_LENGTH } from './load';

/**
 * TBX (ISO 30042) import into the glossary model, for both shapes met in practice: TBX 2008 /
 * TBX-Basic (`martif`: termEntry, langSet, tig or ntig/termGrp, term, termNote, descrip) and
 * TBX v3 (`tbx`: conceptEntry, langSec, termSec), including the DCT style where data categories
 * are elements (`<basic:termType>`). The parser (saxes) does not expand DTD entities, so an
 * entity bomb is a syntax error, not a memory blow-up.
 */

interface Node {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: Node[];
  text: string;
  readonly line: number;
  readonly column: number;
}

/** The most elements read from one file. */
const MAX_NODES = 200_000;
/** The deepest element nesting read; TBX needs about ten levels, and the tree walks recurse. */
const MAX_DEPTH = 256;

export function loadTbx(text: string, origin: string, label: string): LoadResult {
  const problems: GlossaryProblem[] = [];
  const problem = (message: string, line: number, column: number, severity: 'error' | 'warning' = 'error') =>
    problems.push({ message, line, character: column, endLine: line, endCharacter: column + 1, severity });
  if (text.length > MAX_GLOSSARY_BYTES) {
    problem(`the glossary is larger than ${MAX_GLOSSARY_BYTES} bytes`, 0, 0);
    return { glossary: undefined, problems };
  }
  const root = parseXml(text, problem);
  if (!root) return { glossary: undefined, problems };
  const local = (n: Node) => n.name.replace(/^.*:/, '');
  if (local(root) !== 'martif' && local(root) !== 'tbx') {
    problem(`a TBX file's root element is <martif> (TBX 2008) or <tbx> (TBX v3), not <${root.name}>`, root.line, root.column);
    return { glossary: undefined, problems };
  }

  const entries: Entry[] = [];
  const ids = new Set<string>();
  const concepts: Node[] = [];
  const collect = (n: Node) => {
    if (local(n) === 'termEntry' || local(n) === 'conceptEntry') concepts.push(n);
    else n.children.forEach(collect);
  };
  collect(root);
  concepts.forEach((concept, index) => {
    const entry = conceptToEntry(concept, index, origin, label, local, ids, problem);
    if (entry) entries.push(entry);
  });
  return { glossary: { origin, label, entries }, problems };
}

type Status = 'preferred' | 'admitted' | 'deprecated' | 'superseded';

interface TbxTerm {
  readonly text: string;
  readonly lang: string;
  readonly type: string | undefined;
  readonly status: Status | undefined;
}

function conceptToEntry(
  concept: Node,
  index: number,
  origin: string,
  label: string,
  local: (n: Node) => string,
  ids: Set<string>,
  problem: (message: string, line: number, column: number, severity?: 'error' | 'warning') => void,
): Entry | undefined {
  const terms: TbxTerm[] = [];
  const definitions: Array<{ lang: string | undefined; text: string }> = [];
  let subject: string | undefined;
  const notes: string[] = [];

  /** A data category, whether written `<termNote type="X">` (DCA) or `<basic:X>` (DCT). */
  const category = (n: Node): string | undefined => {
    const name = local(n);
    if (name === 'termNote' || name === 'descrip' || name === 'admin') return n.attributes.type;
    if (n.name.includes(':')) return name;
    return undefined;
  };
  const visitLanguage = (lang: string, node: Node) => {
    const walkTermGroup = (group: Node) => {
      let term: string | undefined;
      let type: string | undefined;
      let status: Status | undefined;
      const walk = (n: Node) => {
        const cat = category(n);
        if (local(n) === 'term') term = clean(n.text);
        else if (cat === 'termType') type = clean(n.text);
        else if (cat === 'administrativeStatus') status = statusOf(clean(n.text));
        else if (cat === 'definition') definitions.push({ lang, text: clean(n.text) });
        else if (local(n) === 'note') notes.push(clean(n.text));
        n.children.forEach(walk);
      };
      walk(group);
      if (term) terms.push({ text: term, lang, type, status });
    };
    for (const child of node.children) {
      const name = local(child);
      if (name === 'tig' || name === 'ntig' || name === 'termSec') walkTermGroup(child);
      else if (category(child) === 'definition') definitions.push({ lang, text: clean(child.text) });
      else if (name === 'descripGrp') child.children.forEach((c) => category(c) === 'definition' && definitions.push({ lang, text: clean(c.text) }));
      else if (name === 'note') notes.push(clean(child.text));
    }
  };
  for (const child of concept.children) {
    const name = local(child);
    if (name === 'langSet' || name === 'langSec') visitLanguage((child.attributes['xml:lang'] ?? child.attributes.lang ?? '').toLowerCase(), child);
    else if (category(child) === 'subjectField') subject = clean(child.text);
    else if (category(child) === 'definition') definitions.push({ lang: undefined, text: clean(child.text) });
    else if (name === 'descripGrp') child.children.forEach((c) => category(c) === 'definition' && definitions.push({ lang: undefined, text: clean(c.text) }));
    else if (name === 'note') notes.push(clean(child.text));
  }

  const english = terms.filter((t) => t.lang === 'en' || t.lang.startsWith('en-'));
  if (english.length === 0) {
    problem(`concept ${concept.attributes.id ?? index + 1} has no English terms; it is skipped`, concept.line, concept.column, 'warning');
    return undefined;
  }
  const isShort = (t: TbxTerm) => t.type === 'acronym' || t.type === 'abbreviation' || t.type === 'shortForm' && /^[A-Z0-9][A-Z0-9&.\-]+$/.test(t.text);
  const usable = (t: TbxTerm) => t.status !== 'deprecated' && t.status !== 'superseded';
  const preferredFull = english.find((t) => usable(t) && !isShort(t) && t.status === 'preferred') ?? english.find((t) => usable(t) && !isShort(t)) ?? english.find(usable);
  if (!preferredFull) {
    problem(`concept ${concept.attributes.id ?? index + 1} has only deprecated English terms; it is skipped`, concept.line, concept.column, 'warning');
    return undefined;
  }
  const acronymTerm = english.find((t) => usable(t) && isShort(t) && t !== preferredFull);
  const accepted = english.filter((t) => usable(t) && t !== preferredFull && t !== acronymTerm).map((t) => t.text);
  const variants: Variant[] = english
    .filter((t) => !usable(t))
    .map((t) => variantOf({ text: t.text, status: t.status === 'superseded' ? 'superseded' : 'deprecated', reason: `${t.status} in ${label}` }));
  const otherLanguages = terms.filter((t) => !english.includes(t)).map((t) => `${t.lang || '?'}: ${t.text}`);
  const definition = (definitions.find((d) => d.lang?.startsWith('en')) ?? definitions.find((d) => d.lang === undefined))?.text;

  let id = (concept.attributes.id ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || `tbx-${index + 1}`;
  if (!/^[a-z]/.test(id)) id = `tbx-${id}`;
  while (ids.has(id)) id = `${id}-${index + 1}`;
  ids.add(id);
  const kind: EntryKind = subject && (ENTRY_KINDS as readonly string[]).includes(subject.toLowerCase()) ? (subject.toLowerCase() as EntryKind) : 'concept';
  const extra = [...(subject && kind === 'concept' ? [`Subject field: ${subject}`] : []), ...notes, ...(otherLanguages.length ? [`Other languages: ${otherLanguages.join('; ')}`] : [])];
  return entryOf({
    id,
    kind,
    name: limit(preferredFull.text),
    acronym: acronymTerm ? limit(acronymTerm.text) : undefined,
    expand: acronymTerm !== undefined,
    accepted: accepted.map(limit),
    variants,
    definition: definition || extra.length ? limit([definition, ...extra].filter(Boolean).join(' — ')) : undefined,
    dates: {},
    sources: [{ title: `${label}, concept ${concept.attributes.id ?? index + 1}` }],
    related: [],
    origin: { glossary: origin, label, line: concept.line, character: concept.column },
  });
}

function statusOf(value: string): Status | undefined {
  const v = value.replace(/-admn-sts$/, '').replace(/Term$/, '');
  return v === 'preferred' || v === 'admitted' || v === 'deprecated' || v === 'superseded' ? v : undefined;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function limit(text: string): string {
  return text.length > MAX_STRING_LENGTH ? text.slice(0, MAX_STRING_LENGTH) : text;
}

/** Parses XML into a small tree with 0-based positions; reports the first syntax error and returns undefined. */
function parseXml(text: string, problem: (message: string, line: number, column: number) => void): Node | undefined {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Node[] = [];
  let root: Node | undefined;
  let failed = false;
  let count = 0;
  parser.on('error', (error) => {
    if (failed) return;
    failed = true;
    problem(`malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}`, Math.max(0, parser.line - 1), Math.max(0, parser.column - 1));
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (failed) return;
    if (++count > MAX_NODES) {
      failed = true;
      problem(`more than ${MAX_NODES} elements`, Math.max(0, parser.line - 1), 0);
      return;
    }
    if (stack.length >= MAX_DEPTH) {
      failed = true;
      problem(`elements nested more than ${MAX_DEPTH} deep`, Math.max(0, parser.line - 1), Math.max(0, parser.column - 1));
      return;
    }
    const node: Node = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '', line: Math.max(0, parser.line - 1), column: Math.max(0, parser.column - 1) };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (!failed && stack.length && stack[stack.length - 1].text.length < MAX_STRING_LENGTH * 2) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    if (failed) return;
    const node = stack.pop();
    // An element's text includes its children's text (<term>a <hi>b</hi></term> is "a b").
    if (node && stack.length) stack[stack.length - 1].text += ' ' + node.text;
  });
  try {
    parser.write(text).close();
  } catch {
    // Reported by the error handler.
  }
  return failed ? undefined : root;
}
