import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, type DocumentTerm, type LexiconService } from './core';
import { loadBuiltinGlossary } from './builtin';
import { collectMarkdownFiles, displayPath, readDraft } from './files';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

const USAGE = `Usage: policy-lexicon <command> [options] <files or folders...>

Commands:
  terms     List the glossary entries each draft mentions, as Markdown
            (acronym — full name — kind — count), ready to paste as a list of abbreviations.

Options:
  -h, --help       Show this help
  -v, --version    Show the version`;

/** Exit codes: 0 done, 1 findings (from \`check\`), 2 usage or configuration error. */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) {
    out(USAGE);
    return 0;
  }
  if (args.includes('-v') || args.includes('--version')) {
    out(VERSION);
    return 0;
  }
  const command = args.shift();
  if (command !== 'terms') {
    err(command ? `policy-lexicon: unknown command '${command}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) {
    err(`policy-lexicon: unknown option '${unknown}'\n\n${USAGE}`);
    return 2;
  }
  if (args.length === 0) {
    err(`policy-lexicon: name at least one file or folder\n\n${USAGE}`);
    return 2;
  }

  const builtin = loadBuiltinGlossary();
  if (!builtin.glossary || builtin.problems.some((p) => p.severity === 'error')) {
    for (const p of builtin.problems) err(`${builtin.path}:${p.line + 1}:${p.character + 1}: ${p.message}`);
    return 2;
  }
  const service = createLexiconService({ glossaries: [builtin.glossary] });
  let missing = 0;
  const files = collectMarkdownFiles(args, (input) => {
    missing++;
    err(`policy-lexicon: ${input}: no such file or folder`);
  });
  const sections: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readDraft(file).text;
    } catch (error) {
      err(`policy-lexicon: ${file}: cannot read (${(error as Error).message})`);
      continue;
    }
    sections.push(termsSection(service, file, text));
  }
  if (sections.length) out(sections.join('\n\n'));
  return missing > 0 ? 2 : 0;
}

function termsSection(service: LexiconService, file: string, text: string): string {
  const doc = TextDocument.create(pathToFileURL(path.resolve(file)).href, 'markdown', 1, text);
  const terms = service.documentTerms(doc);
  service.forget(doc.uri);
  const heading = `## ${displayPath(file)}`;
  if (terms.length === 0) return `${heading}\n\nNo glossary entries mentioned.`;
  const abbreviations = terms.filter((t) => t.acronym).sort((a, b) => a.acronym!.localeCompare(b.acronym!, 'en'));
  const others = terms.filter((t) => !t.acronym).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const line = (t: DocumentTerm) => (t.acronym ? `- ${t.acronym} — ${t.name} — ${kindText(t)} — ${t.count}` : `- ${t.name} — ${kindText(t)} — ${t.count}`);
  const parts = [heading];
  if (abbreviations.length) parts.push(`### Abbreviations\n\n${abbreviations.map(line).join('\n')}`);
  if (others.length) parts.push(`### Other terms\n\n${others.map(line).join('\n')}`);
  return parts.join('\n\n');
}

function kindText(term: DocumentTerm): string {
  return term.kind.replace(/-/g, ' ');
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
}
