// Shared by the real-editor runners (hostTests.mjs, uiSmoke.mjs, runVscode.mjs): where things
// are, the test workspace, the editor settings, and the headless browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = process.env.E2E_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'policy-lexicon', 'e2e-tools');
/** The compiled in-editor suite (tsc compiles test/e2e/suite/*.ts with the rest of the tests). */
export const SUITE = path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');

/** A fresh workspace: the example draft with typical mistakes and the drafts of test/e2e/workspace. */
export function prepareWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'examples', 'draft-with-typical-mistakes.md'), path.join(dir, 'draft-with-typical-mistakes.md'));
  for (const name of fs.readdirSync(path.join(ROOT, 'test', 'e2e', 'workspace'))) {
    fs.copyFileSync(path.join(ROOT, 'test', 'e2e', 'workspace', name), path.join(dir, name));
  }
  return dir;
}

/**
 * Colours for the highlighting settings below. None is a colour of the theme, and the semantic
 * acronym colour differs from the grammar's, so a test can tell which layer coloured a word: a
 * glossary acronym gets the server's colour, any other all-capitals word only the grammar's.
 */
export const TOKEN_COLOURS = {
  term: '#00796B',
  acronym: '#8E24AA',
  resolution: '#C15C00',
  grammarAcronym: '#1565C0',
  documentSymbol: '#B71C1C',
};

/** User settings for a quiet, deterministic editor: no welcome page, tips, updates or telemetry. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  // Fixed, so screenshots and the colours below (chosen for a light background) do not depend
  // on the browser's colour scheme.
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'files.hotExit': 'off',
  // Default themes colour few of the extension's scopes; these make both highlighting layers
  // visible (and checkable by colour) in the UI smoke test, on the light theme above.
  'editor.semanticHighlighting.enabled': true,
  'editor.semanticTokenColorCustomizations': {
    enabled: true,
    rules: {
      policyTerm: { foreground: TOKEN_COLOURS.term },
      policyAcronym: { foreground: TOKEN_COLOURS.acronym, bold: true },
      policyResolution: { foreground: TOKEN_COLOURS.resolution },
    },
  },
  'editor.tokenColorCustomizations': {
    textMateRules: [
      { scope: 'constant.other.acronym.policy-lexicon', settings: { foreground: TOKEN_COLOURS.grammarAcronym } },
      { scope: 'constant.other.document-symbol.policy-lexicon', settings: { foreground: TOKEN_COLOURS.documentSymbol } },
      { scope: 'meta.citation.resolution.policy-lexicon', settings: { fontStyle: 'underline' } },
    ],
  },
};

export function writeUserSettings(userDataDir) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
}

/** Launches Debian's Chromium headless through the pinned playwright-core of the tools cache. */
export async function launchBrowser() {
  const require = createRequire(path.join(TOOLS, 'package.json'));
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lexicon-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    // --disable-dev-shm-usage: a small /dev/shm in containers crashes tabs; the rest keeps
    // Chromium from reaching out to the network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

export function requireEnv(...names) {
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length) {
    console.error(`set ${missing.join(', ')}`);
    process.exit(2);
  }
  return names.map((n) => process.env[n]);
}
