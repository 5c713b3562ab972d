import * as assert from 'node:assert/strict';
import type { GlossaryStatus } from '../../server/src/protocol';
import { statusView } from '../../client/src/statusView';

const BUILTIN: GlossaryStatus = { label: 'built-in glossary', builtin: true, uri: 'file:///ext/dist/builtin.lexicon.yaml', entries: 72 };
const TEAM: GlossaryStatus = { label: 'team.lexicon.yaml', uri: 'file:///ws/team.lexicon.yaml', entries: 5 };

suite('status item', () => {
  test('running: the glossaries and the draft findings, click shows the output', () => {
    const view = statusView({ server: { kind: 'running' }, glossaries: [BUILTIN, TEAM], findings: 2 });
    assert.equal(view.text, '$(book) built-in + 5 workspace · 2 findings');
    assert.equal(view.tooltip, 'Policy Lexicon glossaries:\n• built-in glossary: 72 entries\n• team.lexicon.yaml: 5 entries\nThis draft: 2 findings.\nClick to show the output.');
    assert.equal(view.severity, 'normal');
    assert.deepEqual(view.click, { kind: 'output' });
    assert.equal(statusView({ server: { kind: 'running' }, glossaries: [BUILTIN], findings: 1 }).text, '$(book) built-in · 1 finding');
    assert.equal(statusView({ server: { kind: 'running' }, glossaries: [], findings: 0 }).text, '$(book) no glossary · no findings');
  });

  test('a broken glossary turns it to error, and a click opens the glossary at the error', () => {
    const broken: GlossaryStatus = { ...TEAM, error: { uri: TEAM.uri!, line: 4, message: 'kind must be one of body, forum, …' } };
    const view = statusView({ server: { kind: 'running' }, glossaries: [BUILTIN, broken], findings: 0 });
    assert.equal(view.text, '$(error) Policy Lexicon: glossary error');
    assert.match(view.tooltip, /^team\.lexicon\.yaml, line 5: kind must be one of body, forum, …\n/);
    assert.equal(view.severity, 'error');
    assert.deepEqual(view.click, { kind: 'open', uri: 'file:///ws/team.lexicon.yaml', line: 4 });
  });

  test('a crashed server shows it is restarting, then that it gave up; clicking then restarts it', () => {
    const restarting = statusView({ server: { kind: 'restarting', attempt: 2, limit: 4 }, glossaries: [BUILTIN], findings: 0 });
    assert.equal(restarting.text, '$(sync~spin) Policy Lexicon: restarting');
    assert.match(restarting.tooltip, /attempt 2 of 4/);
    assert.equal(restarting.severity, 'warning');
    const gaveUp = statusView({ server: { kind: 'gave-up', crashes: 5, windowMinutes: 3 }, glossaries: [BUILTIN], findings: 0 });
    assert.equal(gaveUp.text, '$(error) Policy Lexicon: stopped');
    assert.match(gaveUp.tooltip, /crashed 5 times in 3 minutes and was not restarted/);
    assert.deepEqual(gaveUp.click, { kind: 'restart' });
    assert.deepEqual(statusView({ server: { kind: 'stopped', reason: 'it could not start' }, glossaries: undefined, findings: 0 }).click, { kind: 'restart' });
  });

  test('glossary text stays plain text in the tooltip', () => {
    const hostile: GlossaryStatus = { label: '<img src=x onerror=alert(1)> [x](command:evil)', entries: 1 };
    const view = statusView({ server: { kind: 'running' }, glossaries: [hostile], findings: 0 });
    assert.match(view.tooltip, /• <img src=x onerror=alert\(1\)> \[x\]\(command:evil\): 1 entry/);
  });
});
