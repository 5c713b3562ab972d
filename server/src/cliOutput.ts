import { structuredPatch } from 'diff';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES, type Finding } from './core';

/** One checked file with its findings, as the formatters need it. */
export interface FileReport {
  /** Relative to the working directory, with forward slashes. */
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * `path:line:col  severity  message  rule`, 1-based, grouped under each file's name, with a
 * summary; coloured only when writing to a terminal.
 */
export function formatStylishFile(report: FileReport, colour: boolean): string {
  if (report.findings.length === 0) return '';
  const c = (code: string, text: string) => (colour ? `${code}${text}${COLOURS.reset}` : text);
  const lines = [c(COLOURS.bold, report.path)];
  for (const f of report.findings) {
    const where = `${report.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(`  ${where}  ${c(COLOURS[f.severity], f.severity)}  ${f.message}  ${c(COLOURS.dim, f.rule)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatStylishSummary(counts: Record<string, number>, files: number, rulesDoc: string | undefined, colour: boolean): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const checked = `${files} file${files === 1 ? '' : 's'} checked`;
  if (total === 0) return `${checked}: no problems.\n`;
  const parts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s === 'information' ? 'information' : s + (counts[s] === 1 ? '' : 's')}`);
  const line = `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${checked}.`;
  const docs = rulesDoc ? `\nEach rule is explained in ${rulesDoc}#<rule>.` : '';
  return `\n${colour ? `${COLOURS.bold}${line}${COLOURS.reset}` : line}${docs}\n`;
}

/** The JSON shape of docs/decisions: version 1, files with LSP diagnostics. */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify({ version: 1, files: reports.map((r) => ({ path: r.path, diagnostics: r.diagnostics })) }, null, 2)}\n`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 with UTF-16 columns, as code-scanning upload tools accept it. */
export function formatSarif(reports: readonly FileReport[], version: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-lexicon',
            version,
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: ruleIndex.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(report.path) },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A unified diff of what the fixes change, three lines of context. Myers' algorithm from jsdiff:
 * a fix can join or split lines (a name wrapped over two lines becomes one), so lines do not
 * correspond one to one and a hand-rolled line walk would print every later line as changed.
 */
export function unifiedDiff(pathName: string, before: string, after: string): string {
  if (before === after) return '';
  const { hunks } = structuredPatch(`a/${pathName}`, `b/${pathName}`, before, after, undefined, undefined, { context: 3 });
  const out = [`--- a/${pathName}`, `+++ b/${pathName}`];
  for (const hunk of hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) out.push(line.replace(/\r$/, ''));
  }
  return `${out.join('\n')}\n`;
}
