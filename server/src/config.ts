import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** The project's shared configuration file at the workspace root, read by the server and the CLI. */
export const PROJECT_CONFIG = '.policy-lexicon.json';

export interface ProjectConfig {
  /** The `policyLexicon` section: `.policy-lexicon.json` over the `policyLexicon.*` keys of `.vscode/settings.json`. */
  readonly section: Record<string, unknown>;
  /** Problems reading either file, with file:line:col. */
  readonly problems: string[];
}

/**
 * Reads a workspace folder's configuration: `.policy-lexicon.json` rules, and VS Code's
 * `.vscode/settings.json` (JSONC with flat dotted keys) fills in what it does not set.
 */
export function readProjectConfig(root: string): ProjectConfig {
  const problems: string[] = [];
  const vscode = readJsonc(path.join(root, '.vscode', 'settings.json'), problems);
  const fromVscode: Record<string, unknown> = {};
  if (vscode) {
    for (const [key, value] of Object.entries(vscode)) {
      if (key.startsWith('policyLexicon.')) fromVscode[key.slice('policyLexicon.'.length)] = value;
      else if (key === 'policyLexicon' && isObject(value)) Object.assign(fromVscode, value);
    }
  }
  const project = readJsonc(path.join(root, PROJECT_CONFIG), problems) ?? {};
  return { section: { ...fromVscode, ...project }, problems };
}

function readJsonc(file: string, problems: string[]): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - before.lastIndexOf('\n');
    problems.push(`${file}:${line}:${column}: ${printParseErrorCode(error.error)}`);
  }
  if (!isObject(value)) {
    if (errors.length === 0) problems.push(`${file}: must hold a JSON object`);
    return undefined;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
