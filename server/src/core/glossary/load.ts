import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import {
  DATE_KEYS,
  ENTRY_KINDS,
  type DateKey,
  type Entry,
  type EntryOrigin,
  type EntryKind,
  type Glossary,
  type GlossaryProblem,
  type LoadResult,
  type Source,
  type Variant,
} from './schema';
import { lineAt, lineStarts } from '../text';
import { parseJsonTree, scanJsonPositions } from './json';

/** Longest string a glossary field may hold; longer ones are reported, never rendered. */
export const MAX_STRING_LENGTH = 4000;
/** Largest glossary file the loader reads; a larger one is reported as a whole. */
export const MAX_GLOSSARY_BYTES = 16 * 1024 * 1024;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const ENTRY_KEYS = new Set([
  'id', 'kind', 'name', 'acronym', 'expand', 'accepted', 'variants', 'definition', 'parent', 'dates',
  'symbol', 'number', 'title', 'sources', 'related', 'replacedBy',
]);

/**
 * Parses and validates glossary text (YAML, or JSON, which is a subset of YAML 1.2).
 * Never throws on bad input: every problem comes back with its position. Entries with an
 * error are dropped; the rest of the file stays usable. JSON without a problem is read without a
 * syntax tree (see `loadCleanJson`), other well-formed JSON by a faster parser into the same tree
 * as YAML's; `parser: 'tree'` turns the first off, `parser: 'yaml'` both (the tests compare the ways).
 */
export function loadGlossary(text: string, origin: string, label: string, parser: 'auto' | 'tree' | 'yaml' = 'auto'): LoadResult {
  const problems: GlossaryProblem[] = [];
  if (text.length > MAX_GLOSSARY_BYTES) {
    problems.push(problemAt(`the glossary is larger than ${MAX_GLOSSARY_BYTES} bytes`, 0, 0, 0, 0));
    return { glossary: undefined, problems };
  }
  if (parser === 'auto') {
    const glossary = loadCleanJson(text, origin, label);
    if (glossary) return { glossary, problems };
  }
  // Lines as the editor counts them (a lone CR ends a line too, which yaml's LineCounter does not count).
  const starts = lineStarts(text);
  const position = (offset: number) => {
    const at = Math.max(0, Math.min(offset, text.length));
    const line = lineAt(starts, at);
    return { line, character: at - starts[line] };
  };
  // The YAML parser recurses once per level: a document nested deeper than any glossary is
  // refused before it runs, whatever stack is left (out of stack, V8 can abort the process).
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const at = position(deep);
    problems.push(problemAt('the glossary is nested too deeply', at.line, at.character, at.line, at.character + 1));
    return { glossary: undefined, problems };
  }
  const report = (message: string, node: { range?: readonly number[] | null } | null | undefined, severity: 'error' | 'warning' = 'error') => {
    const [start, end] = node?.range ? [node.range[0], node.range[1]] : [0, 0];
    const s = position(start);
    const e = position(Math.max(start, end));
    problems.push({ message, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character, severity });
  };

  // Plain JSON takes a fast parser that builds the same tree; anything else (and any JSON with a
  // problem) is parsed as YAML, which reports the problem.
  const parsed = (parser !== 'yaml' ? parseJsonTree(text) : undefined) ?? parseYaml(text, problems, position, report);
  if (!parsed) return { glossary: undefined, problems };
  const root = parsed.root;
  if (!isMap(root)) {
    report('a glossary is a mapping with `version: 1` and a `terms` list', root as YamlNode | null);
    return { glossary: undefined, problems };
  }
  const version = root.get('version', true);
  if (!isScalar(version) || (version.value as unknown) !== 1) {
    report('`version` must be 1', (version as YamlNode | undefined) ?? root);
  }
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key !== 'version' && key !== 'terms') report(`unknown key \`${key}\` (expected \`version\` and \`terms\`)`, pair.key as YamlNode, 'warning');
  }
  const terms = root.get('terms', true);
  if (!isSeq(terms)) {
    report('`terms` must be a list of entries', (terms as YamlNode | undefined) ?? root);
    return { glossary: undefined, problems };
  }

  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  terms.items.forEach((item, index) => {
    const entry = readEntry(item as YamlNode, `terms[${index}]`, origin, label, report, position);
    if (!entry) return;
    if (seen.has(entry.id)) {
      report(`terms[${index}].id: duplicate id \`${entry.id}\` (first defined at line ${seen.get(entry.id)! + 1})`, (item as YAMLMap).get('id', true) as YamlNode);
      return;
    }
    seen.set(entry.id, entry.origin.line);
    entries.push(entry);
  });
  return { glossary: { origin, label, entries }, problems };
}

/**
 * The happy path for a JSON glossary: JSON.parse, one scan for the positions entries keep (their
 * `id`), and a check of the plain values that accepts exactly what `readEntry` accepts without
 * a word. Undefined as soon as anything would be reported, even a warning (a syntax error, a
 * repeated key, a schema problem): the caller then loads the text the slow way, which reports
 * each problem at its position. Building no syntax tree saves most of a large glossary's load
 * time, and the garbage collection after it.
 */
export function loadCleanJson(text: string, origin: string, label: string): Glossary | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!/^\s*\{/.test(text.slice(bom, bom + 1024))) return undefined;
  // With a BOM, JSON is read as YAML (below), which takes a lone CR for no line break: such a file still goes that way.
  if (bom && /\r(?!\n)/.test(text)) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(bom ? text.slice(bom) : text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(root) || root.version !== 1 || !Array.isArray(root.terms)) return undefined;
  for (const key in root) if (key !== 'version' && key !== 'terms') return undefined;
  // The scan runs on the text itself, so its offsets count a BOM as the tree's do.
  const scan = scanJsonPositions(text);
  if (!scan || scan.keys !== countKeys(root) || scan.ids.length !== root.terms.length) return undefined;
  const starts = lineStarts(text);
  const entries: Entry[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < root.terms.length; i++) {
    const at = scan.ids[i];
    const line = lineAt(starts, at);
    const entry = at < 0 ? undefined : readPlainEntry(root.terms[i], { glossary: origin, label, line, character: at - starts[line] });
    if (!entry || ids.has(entry.id)) return undefined;
    ids.add(entry.id);
    entries.push(entry);
  }
  return { origin, label, entries };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys in a parsed JSON value, counted over every object in it. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
  } else {
    for (const key of Object.keys(value)) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  }
  return n;
}

/** A JSON scalar as `yaml` holds it (null included); undefined for a list or mapping. */
function scalarOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? undefined : value;
}

/** A string `str` would return for a present value, or undefined for one it would report. */
function plainText(value: unknown, required: boolean): string | undefined | false {
  if (value === undefined || value === null) return required ? false : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const text = String(value);
  if (text.length > MAX_STRING_LENGTH) return false;
  if (text.trim() === '') return required ? false : undefined;
  return text;
}

function plainList(value: unknown): readonly string[] | false {
  if (value === undefined || value === null) return NONE;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string' || item.trim() === '' || item.length > MAX_STRING_LENGTH) return false;
  return value as string[];
}

const VARIANT_KEYS = ['text', 'reason', 'status', 'replacement'];

/**
 * What an entry without accepted forms, variants, sources, related entries or dates holds: one
 * shared empty list and one empty record (entries are read-only), not one of each per entry.
 */
const NONE: readonly never[] = Object.freeze([]);
const NO_DATES: Readonly<Partial<Record<DateKey, string>>> = Object.freeze({});

/**
 * The entry `readEntry` makes of a parsed JSON value when it reports nothing, built the same
 * way; undefined where it would report something (error or warning).
 */
function readPlainEntry(value: unknown, origin: EntryOrigin): Entry | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const key in value) if (!ENTRY_KEYS.has(key)) return undefined;
  const id = plainText(value.id, true);
  const kind = plainText(value.kind, true);
  const name = plainText(value.name, true);
  if (!id || !kind || !name || !ID_PATTERN.test(id) || !(ENTRY_KINDS as readonly string[]).includes(kind)) return undefined;
  const acronym = plainText(value.acronym, false);
  const definition = plainText(value.definition, false);
  const parent = plainText(value.parent, false);
  const symbol = plainText(value.symbol, false);
  const number = plainText(value.number, false);
  const title = plainText(value.title, false);
  const replacedBy = plainText(value.replacedBy, false);
  if (acronym === false || definition === false || parent === false || symbol === false || number === false || title === false || replacedBy === false) return undefined;
  let expand = acronym !== undefined;
  if (value.expand !== undefined) {
    if (typeof value.expand !== 'boolean') return undefined;
    expand = value.expand;
  }
  const accepted = plainList(value.accepted);
  const related = plainList(value.related);
  if (accepted === false || related === false) return undefined;

  const variants: Variant[] = [];
  if (value.variants !== undefined && value.variants !== null) {
    if (!Array.isArray(value.variants)) return undefined;
    for (const item of value.variants) {
      if (typeof item === 'string' && item.trim() !== '') {
        variants.push({ text: item, reason: undefined, status: 'deprecated', replacement: undefined });
        continue;
      }
      if (!isPlainObject(item)) return undefined;
      for (const key in item) if (!VARIANT_KEYS.includes(key)) return undefined;
      const field = (k: string, required: boolean): string | undefined | false => {
        const v = item[k];
        if (v === undefined) return required ? false : undefined;
        return typeof v !== 'string' || v.trim() === '' || v.length > MAX_STRING_LENGTH ? false : v;
      };
      const text = field('text', true);
      const reason = field('reason', false);
      const replacement = field('replacement', false);
      const status = field('status', false) ?? 'deprecated';
      if (text === false || reason === false || replacement === false || (status !== 'deprecated' && status !== 'superseded')) return undefined;
      variants.push({ text: text!, reason, status, replacement });
    }
  }

  const dates: Partial<Record<DateKey, string>> = {};
  if (value.dates !== undefined && value.dates !== null) {
    if (!isPlainObject(value.dates)) return undefined;
    for (const key in value.dates) {
      const raw = scalarOf(value.dates[key]);
      const text = typeof raw === 'number' ? String(raw) : raw;
      if (!(DATE_KEYS as readonly string[]).includes(key) || typeof text !== 'string' || !DATE_PATTERN.test(text)) return undefined;
      dates[key as DateKey] = text;
    }
  }

  const sources: Source[] = [];
  if (value.sources !== undefined && value.sources !== null) {
    if (!Array.isArray(value.sources)) return undefined;
    for (const item of value.sources) {
      if (!isPlainObject(item)) return undefined;
      const sourceTitle = scalarOf(item.title);
      const url = scalarOf(item.url);
      const statement = scalarOf(item.statement);
      const paragraph = scalarOf(item.paragraph);
      if (typeof sourceTitle === 'string' && sourceTitle.length <= MAX_STRING_LENGTH) {
        if (url !== undefined && (typeof url !== 'string' || url.length > MAX_STRING_LENGTH)) return undefined;
        sources.push(url === undefined ? { title: sourceTitle } : { title: sourceTitle, url: url as string });
      } else if (typeof statement === 'string' && statement.length <= MAX_STRING_LENGTH) {
        if (paragraph !== undefined && (typeof paragraph !== 'number' || !Number.isInteger(paragraph) || paragraph < 1)) return undefined;
        sources.push(paragraph === undefined ? { statement } : { statement, paragraph: paragraph as number });
      } else return undefined;
    }
  }

  // `entryOf`'s fields in its order, written out: a copy of every entry cost a large glossary's load.
  return {
    id,
    kind: kind as EntryKind,
    name,
    acronym,
    expand: acronym !== undefined && expand,
    accepted,
    variants: variants.length ? variants : NONE,
    definition,
    parent,
    dates: value.dates === undefined || value.dates === null ? NO_DATES : dates,
    symbol,
    number,
    title,
    sources: sources.length ? sources : NONE,
    related,
    replacedBy,
    origin,
  };
}

/** The document's root node, or undefined when the text has YAML errors (each reported in `problems`). */
function parseYaml(
  text: string,
  problems: GlossaryProblem[],
  position: (offset: number) => { line: number; character: number },
  report: Reporter,
): { root: YamlNode | null } | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  // Aliases are never expanded (the loader walks the syntax tree), so an alias bomb costs nothing;
  // they are refused outright so that no entry silently shares another's data.
  visitAliases(doc.contents as YamlNode | null, (alias) => report('aliases (*name) are not allowed in a glossary; write the value out', alias));
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const s = position(start);
    const e = position(end);
    // yaml catches the stack overflow of a deeply nested document and reports it here.
    const message = /call stack/i.test(error.message) ? 'the glossary is nested too deeply' : firstLine(error.message);
    problems.push({ message, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character, severity: 'error' });
  }
  if (doc.errors.length > 0) return undefined;
  return { root: doc.contents as YamlNode | null };
}

type Reporter = (message: string, node: YamlNode | null | undefined, severity?: 'error' | 'warning') => void;

function readEntry(
  node: YamlNode,
  path: string,
  origin: string,
  label: string,
  report: Reporter,
  position: (offset: number) => { line: number; character: number },
): Entry | undefined {
  if (!isMap(node)) {
    report(`${path}: an entry must be a mapping`, node);
    return undefined;
  }
  let ok = true;
  const fail = (message: string, at: YamlNode | null | undefined) => {
    report(`${path}.${message}`, at ?? node);
    ok = false;
  };
  const field = (key: string) => node.get(key, true) as YamlNode | undefined;
  const str = (key: string, required: boolean): string | undefined => {
    const value = field(key);
    if (value === undefined || (isScalar(value) && value.value === null)) {
      if (required) fail(`${key}: required`, node);
      return undefined;
    }
    if (!isScalar(value) || (typeof value.value !== 'string' && typeof value.value !== 'number')) {
      fail(`${key}: must be a string`, value);
      return undefined;
    }
    const text = String(value.value);
    if (text.length > MAX_STRING_LENGTH) {
      fail(`${key}: longer than ${MAX_STRING_LENGTH} characters`, value);
      return undefined;
    }
    if (required && text.trim() === '') {
      fail(`${key}: must not be empty`, value);
      return undefined;
    }
    return text.trim() === '' ? undefined : text;
  };
  const strList = (key: string): string[] => {
    const value = field(key);
    if (value === undefined || (isScalar(value) && value.value === null)) return [];
    if (!isSeq(value)) {
      fail(`${key}: must be a list of strings`, value);
      return [];
    }
    const out: string[] = [];
    value.items.forEach((item, i) => {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        fail(`${key}[${i}]: must be a non-empty string`, item as YamlNode);
      } else if (item.value.length > MAX_STRING_LENGTH) {
        fail(`${key}[${i}]: longer than ${MAX_STRING_LENGTH} characters`, item as YamlNode);
      } else {
        out.push(item.value);
      }
    });
    return out;
  };

  for (const pair of node.items) {
    const key = keyOf(pair);
    if (!ENTRY_KEYS.has(key)) report(`${path}: unknown key \`${key}\``, pair.key as YamlNode, 'warning');
  }

  const id = str('id', true);
  if (id !== undefined && !ID_PATTERN.test(id)) fail('id: must be kebab-case (a-z, 0-9 and single hyphens)', field('id'));
  const kind = str('kind', true);
  if (kind !== undefined && !(ENTRY_KINDS as readonly string[]).includes(kind)) {
    fail(`kind: \`${kind}\` is not one of ${ENTRY_KINDS.join(', ')}`, field('kind'));
  }
  const name = str('name', true);
  const acronym = str('acronym', false);
  const expandNode = field('expand');
  let expand = acronym !== undefined;
  if (expandNode !== undefined) {
    if (!isScalar(expandNode) || typeof expandNode.value !== 'boolean') fail('expand: must be true or false', expandNode);
    else expand = expandNode.value;
  }
  const accepted = strList('accepted');
  const related = strList('related');
  const definition = str('definition', false);
  const parent = str('parent', false);
  const symbol = str('symbol', false);
  const number = str('number', false);
  const title = str('title', false);
  const replacedBy = str('replacedBy', false);

  const variants: Variant[] = [];
  const variantsNode = field('variants');
  if (variantsNode !== undefined && !(isScalar(variantsNode) && variantsNode.value === null)) {
    if (!isSeq(variantsNode)) fail('variants: must be a list', variantsNode);
    else {
      variantsNode.items.forEach((item, i) => {
        const at = `variants[${i}]`;
        if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
          variants.push({ text: item.value, reason: undefined, status: 'deprecated', replacement: undefined });
          return;
        }
        if (!isMap(item)) {
          fail(`${at}: must be a string or a mapping with \`text\``, item as YamlNode);
          return;
        }
        const get = (k: string) => item.get(k, true) as YamlNode | undefined;
        for (const pair of item.items) {
          const k = keyOf(pair);
          if (!['text', 'reason', 'status', 'replacement'].includes(k)) report(`${path}.${at}: unknown key \`${k}\``, pair.key as YamlNode, 'warning');
        }
        const scalarString = (k: string, required: boolean) => {
          const v = get(k);
          if (v === undefined) {
            if (required) fail(`${at}.${k}: required`, item);
            return undefined;
          }
          if (!isScalar(v) || typeof v.value !== 'string' || v.value.trim() === '' || v.value.length > MAX_STRING_LENGTH) {
            fail(`${at}.${k}: must be a non-empty string of at most ${MAX_STRING_LENGTH} characters`, v);
            return undefined;
          }
          return v.value;
        };
        const text = scalarString('text', true);
        const reason = scalarString('reason', false);
        const replacement = scalarString('replacement', false);
        const status = scalarString('status', false) ?? 'deprecated';
        if (status !== 'deprecated' && status !== 'superseded') fail(`${at}.status: must be deprecated or superseded`, get('status'));
        if (text !== undefined) variants.push({ text, reason, status: status === 'superseded' ? 'superseded' : 'deprecated', replacement });
      });
    }
  }

  const dates: Partial<Record<DateKey, string>> = {};
  const datesNode = field('dates');
  if (datesNode !== undefined && !(isScalar(datesNode) && datesNode.value === null)) {
    if (!isMap(datesNode)) fail('dates: must be a mapping such as { established: "1997-12-20" }', datesNode);
    else {
      for (const pair of datesNode.items) {
        const key = keyOf(pair);
        const value = pair.value as YamlNode | null;
        if (!(DATE_KEYS as readonly string[]).includes(key)) {
          fail(`dates: unknown date \`${key}\` (expected one of ${DATE_KEYS.join(', ')})`, pair.key as YamlNode);
          continue;
        }
        const raw = isScalar(value) ? value.value : undefined;
        const text = typeof raw === 'number' ? String(raw) : raw;
        if (typeof text !== 'string' || !DATE_PATTERN.test(text)) {
          fail(`dates.${key}: must be a date written YYYY, YYYY-MM or YYYY-MM-DD`, value);
          continue;
        }
        dates[key as DateKey] = text;
      }
    }
  }

  const sources: Source[] = [];
  const sourcesNode = field('sources');
  if (sourcesNode !== undefined && !(isScalar(sourcesNode) && sourcesNode.value === null)) {
    if (!isSeq(sourcesNode)) fail('sources: must be a list', sourcesNode);
    else {
      sourcesNode.items.forEach((item, i) => {
        const at = `sources[${i}]`;
        if (!isMap(item)) {
          fail(`${at}: must be a mapping with \`title\` (and \`url\`) or \`statement\` (and \`paragraph\`)`, item as YamlNode);
          return;
        }
        const value = (k: string) => {
          const v = item.get(k, true) as YamlNode | undefined;
          return isScalar(v) ? v.value : undefined;
        };
        const sourceTitle = value('title');
        const url = value('url');
        const statement = value('statement');
        const paragraph = value('paragraph');
        if (typeof sourceTitle === 'string' && sourceTitle.length <= MAX_STRING_LENGTH) {
          if (url !== undefined && (typeof url !== 'string' || url.length > MAX_STRING_LENGTH)) {
            fail(`${at}.url: must be a string`, item.get('url', true) as YamlNode);
            return;
          }
          sources.push(url === undefined ? { title: sourceTitle } : { title: sourceTitle, url: url as string });
        } else if (typeof statement === 'string' && statement.length <= MAX_STRING_LENGTH) {
          if (paragraph !== undefined && (typeof paragraph !== 'number' || !Number.isInteger(paragraph) || paragraph < 1)) {
            fail(`${at}.paragraph: must be a positive whole number`, item.get('paragraph', true) as YamlNode);
            return;
          }
          sources.push(paragraph === undefined ? { statement } : { statement, paragraph: paragraph as number });
        } else {
          fail(`${at}: needs \`title\` (with an optional \`url\`) or \`statement\` (with an optional \`paragraph\`)`, item);
        }
      });
    }
  }

  if (!ok || id === undefined || kind === undefined || name === undefined) return undefined;
  const start = position(node.range?.[0] ?? 0);
  const idNode = field('id');
  const idPos = idNode?.range ? position(idNode.range[0]) : start;
  // `entryOf`'s fields in its order, written out: a copy of every entry cost a large glossary's load.
  return {
    id,
    kind: kind as EntryKind,
    name,
    acronym,
    expand: acronym !== undefined && expand,
    accepted,
    variants,
    definition,
    parent,
    dates,
    symbol,
    number,
    title,
    sources,
    related,
    replacedBy,
    origin: { glossary: origin, label, line: idPos.line, character: idPos.character },
  };
}

function keyOf(pair: Pair<unknown, unknown>): string {
  const key = pair.key;
  return isScalar(key) ? String(key.value) : String(key);
}

/** A parser message as one short line: yaml quotes the source in it, up to the whole file. */
function firstLine(message: string): string {
  const line = message.split(/\r\n|\r|\n/)[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function problemAt(message: string, line: number, character: number, endLine: number, endCharacter: number): GlossaryProblem {
  return { message, line, character, endLine, endCharacter, severity: 'error' };
}

function visitAliases(node: YamlNode | null, onAlias: (node: YamlNode) => void, depth = 0): void {
  if (!node || depth > 200) return;
  if (isAlias(node)) onAlias(node);
  else if (isMap(node) || isSeq(node)) {
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        visitAliases(item.key as YamlNode | null, onAlias, depth + 1);
        visitAliases(item.value as YamlNode | null, onAlias, depth + 1);
      } else visitAliases(item as YamlNode | null, onAlias, depth + 1);
    }
  }
}

/** How deep a glossary may nest: an entry needs five levels; flow brackets and block indentation both count. */
const MAX_NESTING = 128;

/**
 * Where `text` first nests deeper than MAX_NESTING, or undefined. An upper bound, cheap and
 * without recursion: open flow brackets outside quotes and comments, plus the indentation and
 * block indicators ("- ", "? ", ": ") at the start of the line where the brackets opened.
 */
function tooDeep(text: string): number | undefined {
  let flow = 0;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart) {
      lineStart = false;
      // Inside brackets, indentation opens nothing: the block depth stays that of the bracket's line.
      if (flow === 0) {
        let j = i;
        while (text[j] === ' ' || ((text[j] === '-' || text[j] === '?' || text[j] === ':') && (text[j + 1] === ' ' || text[j + 1] === '\t'))) j += text[j] === ' ' ? 1 : 2;
        block = j - i;
        if (block > MAX_NESTING) return j;
        i = j - 1;
        continue;
      }
    }
    if (c === '\n' || c === '\r') lineStart = true;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) {
      // A quoted scalar: skip to its end (a doubled quote or a backslash escape does not end it).
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c && !(c === "'" && text[i + 1] === "'")) break;
        else if (text[i] === c) i++;
      }
    } else if (c === '[' || c === '{') {
      if (++flow + block > MAX_NESTING) return i;
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return undefined;
}

