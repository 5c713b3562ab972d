import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLexiconService, loadGlossary, type Glossary, type LexiconService } from '../../../server/src/core';
import { nearMiss } from '../../../server/src/core/rules/nearMiss';
import { DEFAULT_CHECK_OPTIONS, type RawFinding } from '../../../server/src/core/rules/types';
import { draftArbitrary } from '../../fuzz/drafts';
import { builtinGlossary } from '../../helpers/fixtures';
import { checkProperty, propertyTimeout } from '../../helpers/property';
import { nearMissReference } from './nearMissReference';

/**
 * The near-miss rule was rewritten for speed; these tests hold it to the findings of the old
 * implementation (nearMissReference.ts), block by block, on generated near misses of every
 * kind, on random drafts and on a glossary large enough for the long-list path.
 */

/** Mulberry32: a small seeded generator, so a failing input can be produced again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLERS = ['the', 'of', 'and', 'Second', 'Inaugural', '2021', '3rd', 'annual', 'Cyber', 'Security', 'Cybersecurity', 'Centre', 'Center', 'Cities', 'City', 'Programme', 'Program', 'Meeting', 'meetings', "Ministers'", 'Ministers’', 'U.S.', 'ASEAN', 'ICTs', 'Défense', '𝒜SEAN', 'Москва', '中文', '😀'];
const JOINS = [' ', ' ', ' ', '  ', '\n', '\r\n', ' - ', '-', '\u2013', ', ', '. ', '; ', ' (', ') ', '\u00A0', ' **', '** ', ' `x` ', ' [', '](u) '];

/** A name changed the ways the rule looks for (and some it must ignore), written into prose. */
function mutate(name: string, next: () => number, acronym: string | undefined): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  let words = name.split(/\s+/);
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits && words.length > 1; e++) {
    const i = Math.floor(next() * words.length);
    switch (Math.floor(next() * 10)) {
      case 0: words.splice(i, 1); break;
      case 1: words.splice(i, 0, pick(FILLERS)); break;
      case 2: words[i] = pick(FILLERS); break;
      case 3: if (i + 1 < words.length) [words[i], words[i + 1]] = [words[i + 1], words[i]]; break;
      case 4: words[i] = words[i].endsWith('s') ? words[i].slice(0, -1) : `${words[i]}s`; break;
      case 5: words[i] = words[i].replace(/ence$/, 'ense').replace(/ise/, 'ize').replace(/re$/, 'er').replace(/our/, 'or'); break;
      case 6: if (i + 1 < words.length) words.splice(i, 2, words[i] + words[i + 1].toLowerCase()); break;
      case 7: words[i] = next() < 0.5 ? words[i].toLowerCase() : words[i].toUpperCase(); break;
      case 8: words = words.map((w) => w.replace(/Cybersecurity/i, 'Cyber Security').replace(/-/, ' ')); break;
      default: break; // unchanged: the name itself
    }
  }
  let phrase = '';
  words.forEach((w, k) => {
    phrase += (k === 0 ? '' : next() < 0.85 ? ' ' : pick(JOINS)) + w;
  });
  if (acronym && next() < 0.2) phrase += ` (${acronym})`;
  return phrase;
}

function generatedDraft(names: ReadonlyArray<{ name: string; acronym?: string }>, seed: number): string {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const parts: string[] = [];
  for (let p = 0; p < 12; p++) {
    const sentence: string[] = [];
    for (let s = 0; s < 6; s++) {
      const { name, acronym } = pick(names);
      sentence.push(next() < 0.15 ? pick(FILLERS) : mutate(name, next, acronym));
      sentence.push(pick(JOINS));
    }
    parts.push(sentence.join(''));
    parts.push(pick(['\n\n', '\r\n\r\n', '\n', '\n\n- ', '\n\n# ', '\n\n| a | ']));
  }
  return parts.join('');
}

/** Both implementations on every block of the draft; returns how many findings they agreed on. */
function compare(service: LexiconService, text: string): number {
  const doc = TextDocument.create('file:///draft.md', 'markdown', 1, text);
  const analysis = service.analyse(doc);
  const index = service.index();
  let agreed = 0;
  let m = 0;
  analysis.blocks.forEach((block, b) => {
    const first = m;
    while (m < analysis.mentions.length && analysis.mentions[m].block === b) m++;
    const context = { text, analysis, index, options: DEFAULT_CHECK_OPTIONS, block, blockIndex: b, mentions: analysis.mentions.slice(first, m) };
    const expected: RawFinding[] = nearMissReference.checkBlock(context);
    assert.deepEqual(nearMiss.checkBlock(context), expected, `block ${b}: ${JSON.stringify(text.slice(block.start, block.end))}`);
    agreed += expected.length;
  });
  service.forget(doc.uri);
  return agreed;
}

/**
 * Many names under one anchor word, so the rule takes its long-list path: a name is filed under
 * the rarer of its first two words. "ASEAN" starts 70 names and is the second word of 70 more,
 * so the first 70 are filed under their second word ("Joint") and the others under their first
 * ("Mekong"): both anchor positions reach the long-list path.
 */
function largeGlossary(): Glossary {
  const topics = ['Cyber Security', 'Transnational Crime', 'Food Security', 'Smart Cities', 'Defence Cooperation', 'Information Technology', 'Disaster Management', 'Maritime Safety', 'Energy Centre', 'Digital Economy'];
  const bodies = ['Ministerial Meeting on', 'Working Group on', 'Senior Officials Committee on', 'Regional Forum Inter-Sessional Meeting on', 'Expert Group for', 'Centre of Excellence for', 'Network on'];
  const lines = ['version: 1', 'terms:'];
  let id = 0;
  for (const lead of ['ASEAN Joint', 'Mekong ASEAN']) {
    for (const body of bodies) for (const topic of topics) lines.push(`  - { id: g${id}, kind: concept, name: "${lead} ${body} ${topic}"${id % 5 === 0 ? `, acronym: AX${id}` : ''} }`), id++;
  }
  const result = loadGlossary(lines.join('\n'), '/large.lexicon.yaml', 'large');
  assert.ok(result.glossary, JSON.stringify(result.problems));
  return result.glossary;
}

function namesOf(glossary: Glossary): Array<{ name: string; acronym?: string }> {
  return glossary.entries.filter((e) => e.kind !== 'resolution').map((e) => ({ name: e.name, acronym: e.acronym }));
}

suite('rule near-miss: the rewrite finds what the reference implementation finds', () => {
  test('generated near misses of the built-in names', () => {
    const glossary = builtinGlossary();
    const service = createLexiconService({ glossaries: [glossary] });
    let agreed = 0;
    for (let seed = 1; seed <= 150; seed++) agreed += compare(service, generatedDraft(namesOf(glossary), seed));
    // The inputs must exercise the rule, not only its early exits.
    assert.ok(agreed > 200, `only ${agreed} findings`);
  });

  test('generated near misses with a glossary that files more than 64 names under one word', () => {
    const glossary = largeGlossary();
    const service = createLexiconService({ glossaries: [glossary] });
    let agreed = 0;
    for (let seed = 1; seed <= 60; seed++) agreed += compare(service, generatedDraft(namesOf(glossary), seed));
    assert.ok(agreed > 200, `only ${agreed} findings`);
  });

  test('one long paragraph with many names, near misses and mentions', () => {
    // Candidates, names written exactly and mentions by the hundred in one block: the look-ups
    // of overlapping mentions and names go by binary search there.
    const glossary = builtinGlossary();
    const service = createLexiconService({ glossaries: [glossary] });
    let agreed = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const draft = Array.from({ length: 8 }, (_, k) => generatedDraft(namesOf(glossary), 1000 * seed + k)).join(' ');
      agreed += compare(service, draft.replace(/[\r\n]+(?:[-#|] )?/g, ' '));
    }
    assert.ok(agreed > 300, `only ${agreed} findings`);
  });

  test('a window where more than 32 names of a long list are candidates, found out of the list\'s order', () => {
    // 40 names "Alpha Beta Gamma Qx Epsilon", then 40 "Alpha Beta Gamma Delta Qx" (Qx a word of
    // its own), all filed under "Alpha". In "Alpha Beta Gamma Delta Epsilon" every one is a word
    // away. A name is a candidate once two of its three rarest words are seen: the later 40 at
    // "Delta", the first 40 only at "Epsilon". All cost the same, so the first name in the list
    // must win, which it does only if the 80 candidates are put back in the list's order.
    const word = (k: number) => `Q${String.fromCharCode(97 + Math.floor(k / 26))}${String.fromCharCode(97 + (k % 26))}`;
    const names = [
      ...Array.from({ length: 40 }, (_, k) => `Alpha Beta Gamma ${word(k)} Epsilon`),
      ...Array.from({ length: 40 }, (_, k) => `Alpha Beta Gamma Delta ${word(40 + k)}`),
    ];
    const lines = ['version: 1', 'terms:', ...names.map((name, k) => `  - { id: w${k}, kind: concept, name: "${name}" }`)];
    const result = loadGlossary(lines.join('\n'), '/window.lexicon.yaml', 'window');
    assert.ok(result.glossary, JSON.stringify(result.problems));
    const service = createLexiconService({ glossaries: [result.glossary] });
    const text = 'We welcome the Alpha Beta Gamma Delta Epsilon.';
    assert.equal(compare(service, text), 1);
    const [finding] = service.diagnose(TextDocument.create('file:///w.md', 'markdown', 1, text), { ...DEFAULT_CHECK_OPTIONS });
    assert.equal(finding?.fix?.edits[0].newText, names[0]);
  });

  test('random drafts', function () {
    this.timeout(propertyTimeout(60_000));
    const glossary = builtinGlossary();
    const service = createLexiconService({ glossaries: [glossary] });
    checkProperty(fc.property(draftArbitrary([glossary]), (text) => void compare(service, text)), 150);
  });
});
