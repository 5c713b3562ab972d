import { CHECK_WORKSPACE_COMMAND, FIX_ALL_COMMAND } from '../../server/src/protocol';

/**
 * Every command the extension contributes, by id. No `vscode` import, so the manifest test can
 * check that package.json declares exactly these.
 */
export const COMMAND = {
  restartServer: 'policyLexicon.restartServer',
  showOutput: 'policyLexicon.showOutput',
  fixAll: FIX_ALL_COMMAND,
  checkWorkspace: CHECK_WORKSPACE_COMMAND,
  insertAbbreviations: 'policyLexicon.insertAbbreviations',
  refreshTerms: 'policyLexicon.refreshTerms',
  /** Opens the example draft with typical mistakes as a new untitled draft (the walkthrough's first step). */
  openExample: 'policyLexicon.openExample',
  /** Internal: run by a term of the terms view; hidden from the Command Palette. */
  revealTerm: 'policyLexicon.revealTerm',
} as const;

/** The example draft, relative to the extension's folder. */
export const EXAMPLE_DRAFT = 'examples/draft-with-typical-mistakes.md';

/** The explorer view "Terms in this draft". */
export const TERMS_VIEW_ID = 'policyLexicon.terms';
