import type { GlossaryStatus } from '../../server/src/protocol';

/**
 * What the status item shows, as a pure function of the server's state, the glossaries it
 * reported and the active draft's findings. No `vscode` import, so it is tested without an
 * editor; `status.ts` puts the result on the status bar.
 */

export type ServerState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'running' }
  /** The server stopped unexpectedly and is being started again. */
  | { readonly kind: 'restarting'; readonly attempt: number; readonly limit: number }
  /** Crashed too often: not restarted until the user asks. */
  | { readonly kind: 'gave-up'; readonly crashes: number; readonly windowMinutes: number }
  /** Could not start, or was stopped. */
  | { readonly kind: 'stopped'; readonly reason?: string };

export interface StatusInput {
  readonly server: ServerState;
  /** The last `policyLexicon/status` the server sent; undefined before the first. */
  readonly glossaries: readonly GlossaryStatus[] | undefined;
  /** Policy Lexicon findings in the active Markdown draft. */
  readonly findings: number;
}

export type StatusClick =
  | { readonly kind: 'output' }
  | { readonly kind: 'restart' }
  /** Open a glossary file at a 0-based line. */
  | { readonly kind: 'open'; readonly uri: string; readonly line: number };

export interface StatusView {
  /** Status bar text, with `$(icon)` codicons. */
  readonly text: string;
  /** Plain text: glossary labels and messages are shown as they are, never as Markdown. */
  readonly tooltip: string;
  readonly severity: 'normal' | 'warning' | 'error';
  readonly click: StatusClick;
}

const NAME = 'Policy Lexicon';

export function statusView(input: StatusInput): StatusView {
  const { server } = input;
  switch (server.kind) {
    case 'starting':
      return { text: `$(sync~spin) ${NAME}`, tooltip: `${NAME}: starting the language server…`, severity: 'normal', click: { kind: 'output' } };
    case 'restarting':
      return {
        text: `$(sync~spin) ${NAME}: restarting`,
        tooltip: `The ${NAME} language server stopped unexpectedly and is being restarted (attempt ${server.attempt} of ${server.limit}).\nClick to show the output.`,
        severity: 'warning',
        click: { kind: 'output' },
      };
    case 'gave-up':
      return {
        text: `$(error) ${NAME}: stopped`,
        tooltip:
          `The ${NAME} language server crashed ${server.crashes} times in ${server.windowMinutes} minutes and was not restarted: drafts are not checked.\n` +
          'Click to restart it ("Policy Lexicon: Show Output" shows why it crashed).',
        severity: 'error',
        click: { kind: 'restart' },
      };
    case 'stopped':
      return {
        text: `$(circle-slash) ${NAME}: stopped`,
        tooltip: `The ${NAME} language server is not running${server.reason ? ` (${server.reason})` : ''}: drafts are not checked.\nClick to restart it.`,
        severity: 'error',
        click: { kind: 'restart' },
      };
    case 'running':
      return runningView(input.glossaries, input.findings);
  }
}

function runningView(glossaries: readonly GlossaryStatus[] | undefined, findings: number): StatusView {
  const findingsText = findings === 1 ? '1 finding' : findings === 0 ? 'no findings' : `${findings} findings`;
  const broken = glossaries?.find((g) => g.error);
  if (broken?.error) {
    return {
      text: `$(error) ${NAME}: glossary error`,
      tooltip:
        `${broken.label}, line ${broken.error.line + 1}: ${broken.error.message}\n` +
        `The server goes on with the last good version of this glossary. This draft: ${findingsText}.\nClick to open the glossary at the error.`,
      severity: 'error',
      click: { kind: 'open', uri: broken.error.uri, line: broken.error.line },
    };
  }
  if (!glossaries) {
    return { text: `$(book) ${NAME} · ${findingsText}`, tooltip: `${NAME}: this draft has ${findingsText}.\nClick to show the output.`, severity: 'normal', click: { kind: 'output' } };
  }
  const builtin = glossaries.filter((g) => g.builtin);
  const workspace = glossaries.filter((g) => !g.builtin);
  const workspaceEntries = workspace.reduce((n, g) => n + g.entries, 0);
  const parts = [builtin.length ? 'built-in' : undefined, workspace.length ? `${workspaceEntries} workspace` : undefined].filter(Boolean);
  const glossaryText = parts.length ? parts.join(' + ') : 'no glossary';
  const lines = glossaries.length
    ? glossaries.map((g) => `• ${g.label}: ${g.entries === 1 ? '1 entry' : `${g.entries} entries`}`)
    : ['• none: turn on policyLexicon.builtin or add a *.lexicon.yaml file'];
  return {
    text: `$(book) ${glossaryText} · ${findingsText}`,
    tooltip: [`${NAME} glossaries:`, ...lines, `This draft: ${findingsText}.`, 'Click to show the output.'].join('\n'),
    severity: 'normal',
    click: { kind: 'output' },
  };
}
