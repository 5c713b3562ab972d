// Route A: what a drafter sees. Drives the real VS Code workbench (code-server) in headless
// Chromium with the packaged .vsix installed, and checks through the rendered UI that
//   1. a squiggle appears under the non-canonical "Laos",
//   2. hovering an acronym shows its definition in the hover widget,
//   3. the suggest widget lists "ASEAN-Japan Cybersecurity Capacity Building Centre", and
//      accepting it inserts "Full Name (ACR)",
//   4. the quick fix from the light bulb replaces "Laos" with "Lao PDR" and the squiggle goes.
// Saves a screenshot of each step (hover.png, completion.png, quick-fix.png, ...) and
// result.json in OUT_DIR; E2E_UPDATE_IMAGES=1 also copies the pictures to docs/images/.
//
// Env: CS_URL, WORKSPACE (a folder holding statement.md), OUT_DIR, TIMEOUT_MS (per step, default 60000).
// Exit code 0 = every check passed.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, requireEnv, ROOT } from './lib.mjs';

const [CS_URL, WORKSPACE] = requireEnv('CS_URL', 'WORKSPACE');
const OUT_DIR = path.resolve(process.env.OUT_DIR ?? '.e2e-out/ui');
const T = Number(process.env.TIMEOUT_MS ?? 60000);
const FILE = 'statement.md';
const AJCCBC = 'ASEAN-Japan Cybersecurity Capacity Building Centre';
const DEFINITION = 'ministerial body for cooperation against transnational crime';
/** Pictures for the README: the editor area only, so the widgets are legible. */
const PICTURES = ['hover.png', 'completion.png', 'quick-fix.png'];

fs.mkdirSync(OUT_DIR, { recursive: true });
const result = { ok: false, checks: {}, timingsMs: {}, browserErrors: [] };
const t0 = Date.now();
const mark = (step) => { result.timingsMs[step] = Date.now() - t0; };

const { page, close } = await launchBrowser();
page.on('console', (m) => { if (m.type() === 'error') result.browserErrors.push(m.text().slice(0, 300)); });

const editor = page.locator('.editor-instance .monaco-editor').first();
const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-warning');

async function shot(name, { editorOnly = false } = {}) {
  const file = path.join(OUT_DIR, name);
  if (!editorOnly) {
    await page.screenshot({ path: file });
    return;
  }
  // The top of the editor area, where the short draft and its widgets are.
  const area = await page.locator('.part.editor').boundingBox();
  await page.screenshot({ path: file, clip: { x: area.x, y: area.y, width: area.width, height: Math.min(area.height, 440) } });
}

/**
 * The on-screen box of the n-th occurrence of `text` in the editor's rendered lines. Monaco
 * splits a line into token spans and writes spaces as U+00A0, so the line's text nodes are
 * joined, searched, and the match measured with a DOM Range.
 */
async function boxOf(text, nth = 0) {
  const box = await page.evaluate(([text, nth]) => {
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
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return null;
  }, [text, nth]);
  if (!box) throw new Error(`"${text}" (occurrence ${nth}) is not rendered in the editor`);
  return box;
}

const editorText = async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
const center = (b) => [b.x + b.width / 2, b.y + b.height / 2];

try {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WORKSPACE)}`, { timeout: T });
  await page.locator('.monaco-workbench').waitFor({ timeout: T });
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"]`).first();
  await row.waitFor({ timeout: T });
  mark('workbench');
  // Quick Open may not list a new workspace's files yet; the Explorer row always works.
  // A double-click opens a pinned editor; the first may land before the row is interactive.
  for (let i = 0; i < 5 && !(await editor.isVisible()); i++) {
    await row.dblclick();
    await editor.waitFor({ timeout: 5000 }).catch(() => {});
  }
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

  // 2. The hover on an acronym without a finding, so the widget holds only the definition.
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

  // 3. Completion at the end of the draft.
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

  // 4. The quick fix from the light bulb on "Laos".
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
  await shot('after-quick-fix.png');

  result.ok = Boolean(result.checks.squiggleOnLaos && result.checks.hover && result.checks.completionInserted && result.checks.quickFixApplied);
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
