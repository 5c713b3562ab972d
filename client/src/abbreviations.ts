import type { DocumentTermItem } from '../../server/src/protocol';

/**
 * The Markdown list of abbreviations for a draft, from the server's `policyLexicon/documentTerms`
 * answer: one "- ACR — Full Name" line per entry with an acronym, sorted by acronym. A list
 * item that pairs the name with its acronym counts as the acronym's introduction, so the list
 * itself raises no finding. No `vscode` import, so it is tested without an editor.
 */
export function abbreviationList(terms: readonly DocumentTermItem[], eol = '\n'): string {
  const lines = new Map<string, string>();
  for (const term of terms) {
    if (!term.acronym || lines.has(term.acronym)) continue;
    lines.set(term.acronym, `- ${escapeListText(term.acronym)} — ${escapeListText(term.name)}`);
  }
  const sorted = [...lines.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map(([, line]) => line + eol).join('');
}

/**
 * Glossary text is untrusted: keep it on one line and keep it from turning into HTML or code in
 * the draft. Other characters stay as they are, so the inserted names still match the glossary.
 */
function escapeListText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`<>]/g, '\\$&');
}
