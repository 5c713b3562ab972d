import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URI of docs/rules.md: beside the bundle (as the .vsix ships it) or in the repository. */
export function findRulesDoc(): string | undefined {
  const candidates = [path.resolve(__dirname, '..', 'docs', 'rules.md'), path.resolve(__dirname, '..', '..', '..', 'docs', 'rules.md')];
  const found = candidates.find((p) => fs.existsSync(p));
  return found ? pathToFileURL(found).href : undefined;
}
