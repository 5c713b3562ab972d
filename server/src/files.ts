import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders never searched for drafts. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);
const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;

/**
 * Expands files and folders given on the command line into Markdown files, in a stable
 * order. A missing path is reported through `onMissing` and skipped.
 */
export function collectMarkdownFiles(inputs: readonly string[], onMissing: (input: string) => void): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && MARKDOWN.test(entry.name)) {
        out.push(full);
      }
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      onMissing(input);
      continue;
    }
    if (stat.isDirectory()) walk(input);
    else out.push(input);
  }
  return out;
}

/** Reads a draft as text, dropping a UTF-8 byte order mark (editors do not count it in positions). */
export function readDraft(file: string): { text: string; bom: boolean } {
  const raw = fs.readFileSync(file, 'utf8');
  return raw.charCodeAt(0) === 0xfeff ? { text: raw.slice(1), bom: true } : { text: raw, bom: false };
}

/** A path relative to the working directory, with forward slashes. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file)) || path.basename(file);
  return rel.split(path.sep).join('/');
}
