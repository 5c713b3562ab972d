// Route A: what a drafter sees. Drives the real VS Code workbench (code-server) in headless
// Chromium with the packaged .vsix installed, and checks through the rendered UI that
//   1. a squiggle appears under the non-canonical "Laos",
//   2. the status item shows the glossary state and the draft's findings ("built-in · 1 finding"),
//      and its tooltip lists the glossaries,
//   3. hovering an acronym shows its definition in the hover widget,
//   4. the suggest widget lists "ASEAN-Japan Cybersecurity Capacity Building Centre", and
//      accepting it inserts "Full Name (ACR)",
//   5. the quick fix from the light bulb replaces "Laos" with "Lao PDR", the squiggle goes and
//      the status item says "no findings",
//   6. in a second, clean draft both highlighting layers colour the text: the server's semantic
//      tokens a glossary acronym, term and resolution number, the grammar an unknown
//      all-capitals word (with the colours of lib.mjs's user settings),
//   7. the "Terms in this draft" view lists that draft's glossary entries, grouped by kind.
// Saves a screenshot of each step (status.png, hover.png, completion.png, quick-fix.png,
// highlighting.png, terms-view.png, ...) and result.json in OUT_DIR; E2E_UPDATE_IMAGES=1 also
// copies the pictures to docs/images/.
//
// Env: CS_URL, WORKSPACE (a folder holding statement.md; the test writes co-chairs-summary.md
// into it), OUT_DIR, TIMEOUT_MS (per step, default 60000).
// Exit code 0 = every check passed.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, requireEnv, ROOT, TOKEN_COLOURS } from './lib.mjs';

const [CS_URL, WORKSPACE] = requireEnv('CS_URL', 'WORKSPACE');
const OUT_DIR = path.resolve(process.env.OUT_DIR ?? '.e2e-out/ui');
const T = Number(process.env.TIMEOUT_MS ?? 60000);
const FILE = 'statement.md';
const AJCCBC = 'ASEAN-Japan Cybersecurity Capacity Building Centre';
const DEFINITION = 'ministerial body for cooperation against transnational crime';
/**
 * A clean draft (no findings) with glossary names, acronyms, resolutions, a document symbol and
 * an all-capitals word the glossary does not know (G20): for the highlighting and the terms view.
 */
const SUMMARY = 'co-chairs-summary.md';
const SUMMARY_TEXT = `# Co-Chairs' Summary (draft)

The ASEAN Regional Forum (ARF) and the
ASEAN Ministerial Meeting on Transnational Crime (AMMTC) recalled General Assembly
resolution 73/27, resolutions 70/237 and 71/28, and the report A/70/174, and noted
the G20 digital agenda. The AMMTC will report to the ARF in 2026.
`;
/** What the terms view must list for SUMMARY: groups in kind order, then some entries. */
const SUMMARY_GROUPS = ['Bodies', 'Forums', 'Meetings', 'Resolutions', 'Reports'];
const SUMMARY_TERMS = [
  { name: 'ASEAN Ministerial Meeting on Transnational Crime', description: 'AMMTC · 3×' },
  { name: 'ASEAN Regional Forum', description: 'ARF · 3×' },
  { name: 'General Assembly resolution 73/27', description: '1×' },
];
/** Pictures for the README: cropped to the feature, so the widgets are legible. */
const PICTURES = ['status.png', 'hover.png', 'completion.png', 'quick-fix.png', 'highlighting.png', 'terms-view.png'];

fs.writeFileSync(path.join(WORKSPACE, SUMMARY), SUMMARY_TEXT);

fs.mkdirSync(OUT_DIR, { recursive: true });
const result = { ok: false, checks: {}, timingsMs: {}, browserErrors: [] };
const t0 = Date.now();
const mark = (step) => { result.timingsMs[step] = Date.now() - t0; };

const { page, close } = await launchBrowser();
page.on('console', (m) => { if (m.type() === 'error') result.browserErrors.push(m.text().slice(0, 300)); });

const editor = page.locator('.editor-instance .monaco-editor').first();
const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-warning');

/** Saves a screenshot: the whole page, the top of the editor area, or a clip (clamped to the page). */
async function shot(name, { editorOnly = false, editorHeight = 440, editorWidth, clip } = {}) {
  const file = path.join(OUT_DIR, name);
  if (editorOnly) {
    // The top of the editor area, where the short draft and its widgets are.
    const area = await page.locator('.part.editor').boundingBox();
    clip = { x: area.x, y: area.y, width: Math.min(area.width, editorWidth ?? area.width), height: Math.min(area.height, editorHeight) };
  }
  if (!clip) {
    await page.screenshot({ path: file });
    return;
  }
  const { width, height } = page.viewportSize();
  const x = Math.max(0, Math.floor(clip.x));
  const y = Math.max(0, Math.floor(clip.y));
  await page.screenshot({ path: file, clip: { x, y, width: Math.min(width, Math.ceil(clip.x + clip.width)) - x, height: Math.min(height, Math.ceil(clip.y + clip.height)) - y } });
}

/**
 * The bottom-right corner of the window with the status item's tooltip: from the left edge of
 * the status bar entry under the tooltip's left side (so no entry is cut in half) to the right.
 */
async function statusCorner(tip) {
  const { width, height } = page.viewportSize();
  const left = tip.x - 24;
  const entries = await page.locator('.statusbar-item').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, width: r.width })));
  const cut = entries.find((e) => e.width > 0 && e.x < left && e.x + e.width > left);
  const x = cut ? cut.x : left;
  return { x, y: tip.y - 16, width: width - x, height: height - (tip.y - 16) };
}

/**
 * Runs in the page: the on-screen box and the style of the n-th occurrence of `text` in the
 * editor's rendered lines, or null. Monaco splits a line into token spans and writes spaces as
 * U+00A0, so the line's text nodes are joined, searched, and the match measured with a DOM
 * Range; the style is that of the token span where the match starts. With `colour` (as CSS
 * computes it, "rgb(r, g, b)"), a match in another colour counts as not there yet, so
 * `page.waitForFunction` can wait for a colour.
 */
function findRendered([text, nth, colour]) {
  const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  let seen = 0;
  for (const line of lines) {
    const nodes = [];
    let joined = '';
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: joined.length });
      joined += walker.currentNode.data;
    }
    const plain = joined.replace(/\u00a0/g, ' ');
    const locate = (offset) => {
      const hit = [...nodes].reverse().find((n) => n.start <= offset);
      return [hit.node, offset - hit.start];
    };
    for (let at = plain.indexOf(text); at >= 0; at = plain.indexOf(text, at + 1)) {
      if (seen++ !== nth) continue;
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + text.length));
      const r = range.getBoundingClientRect();
      const style = getComputedStyle(locate(at)[0].parentElement);
      const found = {
        x: r.x, y: r.y, width: r.width, height: r.height,
        color: style.color, fontWeight: style.fontWeight, textDecoration: style.textDecorationLine,
      };
      return colour && found.color !== colour ? null : found;
    }
  }
  return null;
}

/** The on-screen box (and style) of the n-th occurrence of `text` in the editor. */
async function boxOf(text, nth = 0) {
  const box = await page.evaluate(findRendered, [text, nth]);
  if (!box) throw new Error(`"${text}" (occurrence ${nth}) is not rendered in the editor`);
  return box;
}

/** Waits until the n-th `text` is drawn in `hex`; gives its style, or the last seen on time-out. */
async function waitForColour(text, nth, hex) {
  const want = rgb(hex);
  const handle = await page.waitForFunction(findRendered, [text, nth, want], { timeout: T }).catch(() => null);
  const found = handle ? await handle.jsonValue() : await page.evaluate(findRendered, [text, nth]);
  return { text, want, color: found?.color, bold: Number(found?.fontWeight) >= 600, textDecoration: found?.textDecoration, ok: found?.color === want };
}

const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const editorText = async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
const center = (b) => [b.x + b.width / 2, b.y + b.height / 2];

/**
 * Opens a file from its Explorer row. Quick Open may not list a new workspace's files yet; the
 * Explorer row always works. A double-click opens a pinned editor; the first may land before
 * the row is interactive, so it is repeated until the editor shows `text`.
 */
async function openFromExplorer(name, text) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`).first();
  await row.waitFor({ timeout: T });
  const shows = () => page.waitForFunction((t) => [...document.querySelectorAll('.editor-instance .view-lines')]
    .some((v) => v.textContent.replace(/\u00a0/g, ' ').includes(t)), text, { timeout: 5000 }).then(() => true, () => false);
  for (let i = 0; i < 5; i++) {
    await row.dblclick();
    if (await shows()) return;
  }
  await page.waitForFunction((t) => document.querySelector('.editor-instance .view-lines')?.textContent.replace(/\u00a0/g, ' ').includes(t), text, { timeout: T });
}

/** The extension's status bar item (VS Code gives it the id "<extension id>.policyLexicon.status"). */
const STATUS = '.statusbar-item[id$="policyLexicon.status"]';
const statusItem = page.locator(STATUS).first();
const statusText = async () => (await statusItem.textContent()).replace(/\s+/g, ' ').trim();

/** Waits until the status item's text holds `text` (it follows the draft's diagnostics). */
async function waitForStatus(text) {
  await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.replace(/\s+/g, ' ').includes(t), [STATUS, text], { timeout: T })
    .catch(() => {});
  return statusText().catch(() => null);
}

/** Drags the sash between the side bar and the editor `by` pixels to the right. */
async function widenSideBar(by) {
  const side = await page.locator('.part.sidebar').boundingBox();
  const sashes = await page.locator('.monaco-sash.vertical').all();
  for (const sash of sashes) {
    const box = await sash.boundingBox();
    if (!box || Math.abs(box.x + box.width / 2 - (side.x + side.width)) > 4 || box.height < side.height / 2) continue;
    const [x, y] = center(box);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + by / 2, y, { steps: 5 });
    await page.mouse.move(x + by, y, { steps: 5 });
    await page.mouse.up();
    break;
  }
  return (await page.locator('.part.sidebar').boundingBox()).width;
}

try {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WORKSPACE)}`, { timeout: T });
  await page.locator('.monaco-workbench').waitFor({ timeout: T });
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"]`).first().waitFor({ timeout: T });
  mark('workbench');
  await openFromExplorer(FILE, 'ASEAN-U.S. Cyber Policy Dialogue');
  await editor.waitFor({ timeout: T });
  mark('editorOpen');

  // 1. The squiggle, under "Laos" and nowhere else.
  await squiggles.first().waitFor({ state: 'attached', timeout: T });
  mark('squiggle');
  const laos = await boxOf('Laos');
  const squiggleBoxes = await Promise.all((await squiggles.all()).map((s) => s.boundingBox()));
  result.checks.squiggles = squiggleBoxes.length;
  result.checks.squiggleOnLaos = squiggleBoxes.length === 1
    && Math.abs(squiggleBoxes[0].x - laos.x) <= 3 && Math.abs(squiggleBoxes[0].width - laos.width) <= 4;
  result.checks.problemsStatus = await page.locator('#status\\.problems').first().getAttribute('aria-label').catch(() => null);
  await shot('squiggle.png');

  // 2. The status item: the built-in glossary and the one finding; its tooltip lists the glossaries.
  result.checks.statusText = await waitForStatus('built-in · 1 finding');
  result.checks.status = result.checks.statusText === 'built-in · 1 finding';
  mark('status');
  await statusItem.hover();
  const tooltip = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Policy Lexicon glossaries' }).last();
  await tooltip.waitFor({ state: 'visible', timeout: T });
  result.checks.statusTooltip = (await tooltip.innerText()).replace(/\s+/g, ' ').trim();
  result.checks.statusTooltipOk = /built-in glossary: \d+ entries/.test(result.checks.statusTooltip) && result.checks.statusTooltip.includes('This draft: 1 finding');
  await shot('status.png', { clip: await statusCorner(await tooltip.boundingBox()) });
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await tooltip.waitFor({ state: 'hidden', timeout: T }).catch(() => {});

  // 3. The hover on an acronym without a finding, so the widget holds only the definition.
  const acronym = await boxOf('AMMTC', 1);
  await page.mouse.move(...center(acronym));
  const hover = page.locator('.monaco-hover').filter({ hasText: DEFINITION }).first();
  await hover.waitFor({ state: 'visible', timeout: T });
  result.checks.hoverText = (await hover.innerText()).replace(/\s+/g, ' ').trim();
  result.checks.hover = result.checks.hoverText.includes('ASEAN Ministerial Meeting on Transnational Crime');
  mark('hover');
  await shot('hover.png', { editorOnly: true });
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden', timeout: T }).catch(() => {});

  // 4. Completion at the end of the draft.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('ASEAN-J');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.editor-widget.suggest-widget.visible');
  const item = suggest.locator('.monaco-list-row').filter({ hasText: AJCCBC }).first();
  await item.waitFor({ state: 'visible', timeout: T });
  result.checks.suggestRows = (await suggest.locator('.monaco-list-row').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  mark('completion');
  // Ctrl+Space again opens the details beside the list: the definition, for the picture.
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-details-container .suggest-details').filter({ hasText: 'training centre' }).waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
  await shot('completion.png', { editorOnly: true });
  await item.click();
  await suggest.waitFor({ state: 'hidden', timeout: T });
  result.checks.completionInserted = (await editorText()).includes(`${AJCCBC} (AJCCBC)`);

  // 5. The quick fix from the light bulb on "Laos".
  await page.mouse.click(...center(await boxOf('Laos')));
  const bulb = page.locator('.editor-instance .lightBulbWidget').first();
  const menu = page.locator('.action-widget').first();
  const fix = menu.locator('.monaco-list-row').filter({ hasText: 'Replace with "Lao PDR"' }).first();
  if (await bulb.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false)) {
    result.checks.opened = 'light bulb';
    await bulb.click();
  } else {
    result.checks.opened = 'Ctrl+.';
    await page.keyboard.press('Control+.');
  }
  await fix.waitFor({ state: 'visible', timeout: T });
  result.checks.quickFixRows = (await menu.locator('.monaco-list-row').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  mark('quickFixMenu');
  await shot('quick-fix.png', { editorOnly: true });
  // The menu takes the keyboard (a pointer block covers it for a moment): the preferred fix is
  // the focused row, and Enter applies it, as "Enter to Apply" says.
  await menu.locator('.monaco-list-row.focused').filter({ hasText: 'Replace with "Lao PDR"' }).waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  await squiggles.first().waitFor({ state: 'detached', timeout: T });
  const text = await editorText();
  result.checks.quickFixApplied = text.includes('the United States and Lao PDR.') && !text.includes('Laos');
  mark('quickFixApplied');
  result.checks.statusAfterFix = await waitForStatus('built-in · no findings');
  result.checks.statusFollowsFix = result.checks.statusAfterFix === 'built-in · no findings';
  await shot('after-quick-fix.png');

  // 6. Highlighting, in a clean draft: the semantic colour needs the server's tokens; G20 is not
  // in the glossary, so only the grammar colours it.
  await openFromExplorer(SUMMARY, "Co-Chairs' Summary");
  await page.mouse.move(2, 2);
  const colours = {
    acronym: await waitForColour('AMMTC', 0, TOKEN_COLOURS.acronym),
    term: await waitForColour('ASEAN Regional Forum', 0, TOKEN_COLOURS.term),
    resolution: await waitForColour('73/27', 0, TOKEN_COLOURS.resolution),
    grammarAcronym: await waitForColour('G20', 0, TOKEN_COLOURS.grammarAcronym),
  };
  result.checks.colours = colours;
  result.checks.highlighting = Object.values(colours).every((c) => c.ok) && colours.acronym.bold;
  mark('highlighting');
  await shot('highlighting.png', { editorOnly: true, editorHeight: 200, editorWidth: 800 });

  // 7. The terms view, for the draft now active. Collapsing the folders and widening the side
  // bar leaves room for the whole tree and its long names.
  const termsPane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Terms in this draft' }) }).last();
  const termsHeader = termsPane.locator('.pane-header').first();
  await termsHeader.waitFor({ timeout: T });
  if ((await termsHeader.getAttribute('aria-expanded')) !== 'true') await termsHeader.click();
  const foldersHeader = page.locator('.pane').filter({ has: page.locator('.explorer-folders-view') }).last().locator('.pane-header').first();
  if ((await foldersHeader.getAttribute('aria-expanded')) === 'true') await foldersHeader.click();
  result.checks.sideBarWidth = await widenSideBar(340);
  await termsPane.locator('.monaco-list-row').filter({ hasText: SUMMARY_TERMS[0].name }).first().waitFor({ timeout: T });
  mark('termsView');
  const rows = await termsPane.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => ({
    level: el.getAttribute('aria-level'),
    name: el.querySelector('.label-name')?.textContent.trim(),
    description: el.querySelector('.label-description')?.textContent.trim(),
  })));
  result.checks.termsRows = rows;
  const groups = rows.filter((r) => r.level === '1').map((r) => r.name);
  result.checks.termsView = JSON.stringify(groups) === JSON.stringify(SUMMARY_GROUPS)
    && SUMMARY_TERMS.every((t) => rows.some((r) => r.level === '2' && r.name === t.name && r.description === t.description));
  // From the view's header to its last row.
  const top = await termsHeader.boundingBox();
  const bottom = await termsPane.locator('.monaco-list-row').last().boundingBox();
  await shot('terms-view.png', { clip: { x: top.x, y: top.y, width: top.width, height: bottom.y + bottom.height + 6 - top.y } });

  result.ok = Boolean(result.checks.squiggleOnLaos && result.checks.status && result.checks.statusTooltipOk && result.checks.hover
    && result.checks.completionInserted && result.checks.quickFixApplied && result.checks.statusFollowsFix
    && result.checks.highlighting && result.checks.termsView);
} catch (error) {
  result.error = String(error?.stack ?? error).slice(0, 3000);
  await shot('failure.png').catch(() => {});
} finally {
  result.timingsMs.total = Date.now() - t0;
  fs.writeFileSync(path.join(OUT_DIR, 'result.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  await close();
}

if (result.ok && process.env.E2E_UPDATE_IMAGES === '1') {
  const images = path.join(ROOT, 'docs', 'images');
  fs.mkdirSync(images, { recursive: true });
  for (const name of PICTURES) fs.copyFileSync(path.join(OUT_DIR, name), path.join(images, name));
  console.log(`copied ${PICTURES.join(', ')} to ${images}`);
}
process.exit(result.ok ? 0 : 1);
