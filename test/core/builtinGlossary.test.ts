import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinGlossary, builtinService, doc, readFixture, ROOT } from '../helpers/fixtures';
import { BUILTIN_LABEL, loadBuiltinGlossary } from '../../server/src/builtin';
import { loadGlossary } from '../../server/src/core';
import { formKey } from '../../server/src/core/text';

suite('built-in glossary', () => {
  const glossary = builtinGlossary();
  const entries = glossary.entries;
  const ids = new Set(entries.map((e) => e.id));

  test('the JSON the build ships beside the bundles is the YAML loaded, and is what start-up reads', () => {
    const yaml = path.join('dist', 'builtin.lexicon.yaml');
    const shipped = fs.readFileSync(path.join(ROOT, 'dist', 'builtin.glossary.json'), 'utf8');
    const loaded = loadGlossary(fs.readFileSync(path.join(ROOT, yaml), 'utf8'), yaml, BUILTIN_LABEL).glossary;
    assert.deepEqual(JSON.parse(shipped), JSON.parse(JSON.stringify(loaded)));
    // The bundle reads the JSON: a CLI run against a JSON with one entry renamed shows the new name.
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'policy-lexicon-builtin-'));
    try {
      for (const f of ['cli.js', 'cli-main.js', 'builtin.lexicon.yaml']) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(dir, f));
      fs.writeFileSync(path.join(dir, 'builtin.glossary.json'), shipped.replace('"name":"ASEAN Regional Forum"', '"name":"ASEAN Regional Forum Renamed"'));
      // Run from a folder of its own: the YAML beside the bundle would be discovered as a workspace glossary.
      const work = path.join(dir, 'work');
      fs.mkdirSync(work);
      fs.writeFileSync(path.join(work, 'draft.md'), 'The ARF met.\n');
      const out = require('node:child_process').execFileSync(process.execPath, [path.join(dir, 'cli.js'), 'terms', 'draft.md'], { encoding: 'utf8', cwd: work });
      assert.match(out, /ASEAN Regional Forum Renamed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('loads without a single problem', () => {
    assert.deepEqual(loadBuiltinGlossary().problems, []);
    assert.ok(entries.length >= 60, `only ${entries.length} entries`);
  });

  test('every entry has a source, and every statement source names a paragraph of the seed', () => {
    assert.deepEqual(entries.filter((e) => e.sources.length === 0).map((e) => e.id), []);
    for (const e of entries) {
      for (const s of e.sources) {
        if ('statement' in s) {
          assert.equal(s.statement, '2019-asean-us-cyber', e.id);
          assert.ok(s.paragraph !== undefined && s.paragraph >= 1 && s.paragraph <= 10, `${e.id}: paragraph ${s.paragraph}`);
        } else if (s.url) {
          assert.match(s.url, /^https?:\/\//, e.id);
        }
      }
    }
  });

  test('parents, related entries and successors exist', () => {
    const missing: string[] = [];
    for (const e of entries) {
      for (const ref of [e.parent, e.replacedBy, ...e.related]) if (ref && !ids.has(ref)) missing.push(`${e.id} -> ${ref}`);
    }
    assert.deepEqual(missing, []);
  });

  test('no written form belongs to two entries, and acronyms are unique', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of entries) {
      const forms = [e.name, ...(e.acronym ? [e.acronym] : []), ...e.accepted, ...e.variants.map((v) => v.text)];
      for (const form of new Set(forms.map(formKey))) {
        const other = owner.get(form);
        if (other && other !== e.id) clashes.push(`${form}: ${other} and ${e.id}`);
        owner.set(form, e.id);
      }
    }
    assert.deepEqual(clashes, []);
  });

  test('resolutions carry their number and symbol; unverified dates and titles are absent', () => {
    for (const e of entries.filter((x) => x.kind === 'resolution')) {
      assert.ok(e.number, e.id);
      assert.equal(e.symbol, `A/RES/${e.number}`, e.id);
      assert.equal(e.id, `res-${e.number!.replace('/', '-')}`);
    }
    // Marked UNVERIFIED in shared/facts/resolutions.md: 71/28's title and date, 70/237's date.
    const r7128 = entries.find((e) => e.id === 'res-71-28')!;
    assert.equal(r7128.dates.adopted, undefined);
    assert.equal(r7128.title, undefined);
    assert.equal(entries.find((e) => e.id === 'res-70-237')!.dates.adopted, undefined);
    assert.equal(entries.find((e) => e.id === 'res-73-27')!.dates.adopted, '2018-12-05');
  });

  test('the shipped copy in dist/ is the source file', () => {
    const source = fs.readFileSync(path.join(ROOT, 'server', 'glossary', 'builtin.lexicon.yaml'), 'utf8');
    const shipped = fs.readFileSync(path.join(ROOT, 'dist', 'builtin.lexicon.yaml'), 'utf8');
    assert.equal(shipped, source);
  });

  test('every named entity of the seed statement is recognised at its range', () => {
    const text = readFixture('drafts', 'seed-statement.md');
    const analysis = builtinService().analyse(doc(text));
    const found = analysis.mentions.map((m) => {
      assert.equal(text.slice(m.start, m.end), m.text);
      return [m.text.replace(/\u00A0/g, ' '), m.entry ? m.entry.id : `resolution:${m.citation?.number}`];
    });
    assert.deepEqual(found, [
      ['Co-Chairs’ Statement on the Inaugural ASEAN-U.S. Cyber Policy Dialogue', 'co-chairs-statement-2019'],
      ['ASEAN-U.S. Cyber Policy Dialogue', 'asean-us-cyber-policy-dialogue'],
      ['United States of America', 'united-states'],
      ['Lao PDR', 'lao-pdr'],
      ['ASEAN-U.S. Cyber Policy Dialogue', 'asean-us-cyber-policy-dialogue'],
      ['Singapore', 'singapore'],
      ['ASEAN-U.S. Cyber Policy Dialogue', 'asean-us-cyber-policy-dialogue'],
      ['Singapore', 'singapore'],
      ['information communications technology', 'ict'],
      ['ICT', 'ict'],
      ['United States', 'united-states'],
      ['Lao PDR', 'lao-pdr'],
      ['ASEAN-U.S. Leaders’ Statement on Cybersecurity Cooperation', 'asean-us-leaders-statement-cybersecurity'],
      ['ASEAN-U.S. Summit', 'asean-us-summit'],
      ['cyberspace', 'cyberspace'],
      ['capacity building', 'capacity-building'],
      ['5th generation', '5g'],
      ['5G', '5g'],
      ['5G', '5g'],
      ['industrialization 4.0', '4ir'],
      ['United Nations General Assembly', 'unga'],
      ['UNGA', 'unga'],
      ['resolution 71/28', 'res-71-28'],
      ['ICTs', 'ict'],
      ['2015 Report of the UN Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security', 'report-a-70-174'],
      ['UNGGE', 'gge'],
      ['ICT', 'ict'],
      ['voluntary, non-binding norms of responsible State behaviour', 'norms-responsible-state-behaviour'],
      ['cyber space', 'cyberspace'],
      ['capacity building', 'capacity-building'],
      ['confidence building measures', 'confidence-building-measures'],
      ['cyberspace', 'cyberspace'],
      ['ASEAN Ministerial Meeting on Transnational Crime', 'ammtc'],
      ['AMMTC', 'ammtc'],
      ['ASEAN Telecommunications and Information Technology Ministers’ Meeting', 'telmin'],
      ['TELMIN', 'telmin'],
      ['ASEAN Regional Forum Inter-Sessional Meeting on Security of and in the Use of Information and Communication Technologies', 'arf-ism-ict-security'],
      ['ARF ISM on ICTs Security', 'arf-ism-ict-security'],
      ['ASEAN Defence Ministers Meeting-Plus', 'admm-plus'],
      ['ADMM-Plus', 'admm-plus'],
      ['Experts’ Working Group on Cyber Security', 'admm-plus-ewg-cyber-security'],
      ['ASEAN Cybersecurity Cooperation Strategy', 'asean-cybersecurity-cooperation-strategy'],
      ['capacity building', 'capacity-building'],
      ['ASEAN Cyber Capacity Development Project', 'asean-cyber-capacity-development-project'],
      ['Digital Connectivity and Cybersecurity Partnership', 'dccp'],
      ['U.S.-ASEAN Smart Cities Partnership', 'usascp'],
      ['U.S.-Singapore Cybersecurity Technical Assistance Programme for ASEAN', 'singapore-us-cybersecurity-technical-assistance-programme'],
      ['ASEAN-Japan Cybersecurity Capacity Building Centre', 'ajccbc'],
      ['ASEAN-Singapore Cybersecurity Centre of Excellence', 'ascce'],
      ['U.S.-ASEAN Connect Digital Economy Series', 'us-asean-connect-digital-economy-series'],
      ['ASEAN', 'asean'],
      ['ICTs', 'ict'],
      ['United States', 'united-states'],
      ['ASEAN', 'asean'],
      ['U.S.-ASEAN Strategic Plan of Action', 'asean-us-plan-of-action'],
      ['ASEAN Outlook on the Indo-Pacific', 'aoip'],
      ['Master Plan on ASEAN Connectivity 2025', 'mpac-2025'],
      ['ASEAN-U.S. Cyber Policy Dialogue', 'asean-us-cyber-policy-dialogue'],
      ['ASEAN-U.S. Cyber Policy Dialogue', 'asean-us-cyber-policy-dialogue'],
      ['Office of the Coordinator for Cyber Issues', 'office-of-the-coordinator-for-cyber-issues'],
    ]);
  });
});
