import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Edit } from '../rules/types';

/**
 * Text edits on glossary YAML that keep the file's formatting and comments: they insert or
 * replace just the lines concerned, found through the parsed document's source ranges. Values
 * are written as JSON strings, which YAML reads as double-quoted scalars.
 */

/** An entry as YAML lines (without indentation), starting with "- id: …". */
export function entryLines(fields: ReadonlyArray<readonly [string, string]>, comment?: string): string[] {
  return fields.map(([key, value], i) => `${i === 0 ? '- ' : '  '}${key}: ${value}${i === 0 && comment ? `  # ${comment}` : ''}`);
}

/** YAML for a string value. */
export function yamlString(value: string): string {
  return /^[A-Za-z][A-Za-z0-9 .,'()\/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value) && !/:\s|\s#|'/.test(value)
    ? value
    : JSON.stringify(value);
}

/** A new glossary file holding one entry. */
export function newGlossaryText(lines: readonly string[], eol = '\n'): string {
  return ['# Workspace glossary for Policy Lexicon (format: docs/glossaries.md).', 'version: 1', 'terms:', ...lines.map((l) => `  ${l}`), ''].join(eol);
}

/** Appends an entry at the end of the `terms` list; undefined when the text has no usable `terms` list. */
export function appendEntryEdit(text: string, lines: readonly string[]): Edit | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const terms = doc.contents.get('terms', true) as YamlNode | undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (isSeq(terms) && terms.flow && terms.items.length === 0 && terms.range) {
    return { start: terms.range[0], end: terms.range[1], newText: eol + lines.map((l) => `  ${l}`).join(eol) };
  }
  if (!isSeq(terms) || terms.flow || !terms.range) return undefined;
  const indent = terms.items.length ? columnOf(text, (terms.items[0] as YamlNode).range![0]) - 2 : 2;
  const at = lineEndAfter(text, lastContentOffset(terms));
  const pad = ' '.repeat(Math.max(0, indent));
  return { start: at, end: at, newText: `${at > 0 && text[at - 1] !== '\n' ? eol : ''}${lines.map((l) => pad + l).join(eol)}${eol}` };
}

/** Adds a written form to an entry's `accepted` list (creating the key when needed). */
export function addAcceptedEdit(text: string, entryId: string, form: string): Edit | undefined {
  return addToList(text, entryId, 'accepted', yamlString(form));
}

/** Renames an entry: its `name` becomes `newName` and the old name a superseded variant. */
export function renameEntryEdits(text: string, entryId: string, newName: string, oldName: string): Edit[] | undefined {
  const entry = findEntry(text, entryId);
  if (!entry) return undefined;
  const name = entry.map.get('name', true) as YamlNode | undefined;
  if (!isScalar(name) || !name.range) return undefined;
  const rename: Edit = { start: name.range[0], end: name.range[1], newText: yamlString(newName) };
  const variant = addToList(text, entryId, 'variants', `{ text: ${JSON.stringify(oldName)}, status: superseded, reason: ${JSON.stringify(`renamed to ${newName}`)} }`);
  return variant ? [rename, variant] : [rename];
}

function addToList(text: string, entryId: string, key: string, item: string): Edit | undefined {
  const entry = findEntry(text, entryId);
  if (!entry) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const list = entry.map.get(key, true) as YamlNode | undefined;
  if (isSeq(list) && list.range) {
    if (list.flow) {
      const close = text.lastIndexOf(']', list.range[1]);
      return { start: close, end: close, newText: `${list.items.length ? ', ' : ''}${item}` };
    }
    const indent = columnOf(text, (list.items[0] as YamlNode | undefined)?.range?.[0] ?? list.range[0]) - 2;
    const at = lineEndAfter(text, lastContentOffset(list));
    return { start: at, end: at, newText: `${' '.repeat(Math.max(0, indent))}- ${item}${eol}` };
  }
  if (list !== undefined) return undefined;
  // No such key yet: add it after the entry's id, at the indentation of its keys.
  const idNode = entry.map.get('id', true) as YamlNode;
  const keyColumn = columnOf(text, entry.idKeyOffset);
  const at = lineEndAfter(text, idNode.range![1]);
  return { start: at, end: at, newText: `${' '.repeat(keyColumn)}${key}: [${item}]${eol}` };
}

function findEntry(text: string, entryId: string): { map: YAMLMap; idKeyOffset: number } | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const terms = doc.contents.get('terms', true) as YAMLSeq | undefined;
  if (!isSeq(terms)) return undefined;
  for (const item of terms.items) {
    if (!isMap(item)) continue;
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'id');
    if (pair && isScalar(pair.value) && pair.value.value === entryId) {
      return { map: item, idKeyOffset: (pair.key as YamlNode).range![0] };
    }
  }
  return undefined;
}

/** The end of the last value in a block collection (its range may run on over trailing comments). */
function lastContentOffset(node: YAMLSeq | YAMLMap): number {
  const last = node.items[node.items.length - 1] as YamlNode | { value?: YamlNode } | undefined;
  const lastNode = last && 'range' in last ? (last as YamlNode) : (last as { value?: YamlNode } | undefined)?.value;
  return lastNode?.range?.[1] ?? node.range![1];
}

/** The offset just past the line break ending the line that holds `offset - 1`. */
function lineEndAfter(text: string, offset: number): number {
  const from = Math.max(0, offset - 1);
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
