import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TERM_TOKEN_TYPES } from '../../server/src/core';
import { COMMAND, EXAMPLE_DRAFT, TERMS_VIEW_ID } from '../../client/src/commandIds';
import { ROOT } from '../helpers/fixtures';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const read = (relative: string) => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/** Every scope name a grammar rule assigns. */
function grammarScopes(grammar: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'name' || key === 'contentName') && typeof value === 'string') found.push(...value.split(/\s+/));
        else visit(value);
      }
    }
  };
  visit((grammar as { repository: unknown }).repository);
  return [...new Set(found)];
}

suite('package.json contributions', () => {
  test('declares exactly the commands the extension registers, each with a title in the Policy Lexicon category', () => {
    const declared = (contributes.commands as Array<{ command: string; title: string; category: string }>).map((c) => c.command);
    assert.deepEqual([...declared].sort(), Object.values(COMMAND).sort());
    for (const command of contributes.commands) assert.ok(command.title && command.category === 'Policy Lexicon', command.command);
    const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.ok(hidden.includes(COMMAND.revealTerm), 'the internal reveal command is hidden from the Command Palette');
    for (const entry of [...contributes.menus.commandPalette, ...contributes.menus['view/title']]) assert.ok(declared.includes(entry.command), entry.command);
  });

  test('the terms view sits in the Explorer', () => {
    assert.deepEqual(
      contributes.views.explorer.map((v: { id: string; name: string }) => [v.id, v.name]),
      [[TERMS_VIEW_ID, 'Terms in this draft']],
    );
  });

  test('semantic token types match the server legend, with standard super types and TextMate fallbacks', () => {
    const types = contributes.semanticTokenTypes as Array<{ id: string; superType: string; description: string }>;
    assert.deepEqual(types.map((t) => t.id), [...TERM_TOKEN_TYPES]);
    for (const t of types) {
      assert.ok(['class', 'macro', 'number', 'namespace', 'type', 'variable', 'string', 'keyword'].includes(t.superType), t.id);
      assert.ok(t.description, t.id);
    }
    const [scopes] = contributes.semanticTokenScopes;
    assert.equal(scopes.language, 'markdown');
    assert.deepEqual(Object.keys(scopes.scopes), [...TERM_TOKEN_TYPES]);
    // Where the grammar has a scope for the same thing, the semantic token falls back to it first.
    const grammar = grammarScopes(JSON.parse(read('syntaxes/policy-lexicon.injection.tmLanguage.json')));
    assert.ok(grammar.includes(scopes.scopes.policyAcronym[0]));
    assert.ok(grammar.includes(scopes.scopes.policyResolution[0]));
  });

  test('the injection grammar is contributed into Markdown, and every scope it assigns is documented', () => {
    const [contribution] = contributes.grammars;
    const grammar = JSON.parse(read(contribution.path));
    assert.equal(grammar.scopeName, contribution.scopeName);
    assert.deepEqual(contribution.injectTo, ['text.html.markdown']);
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown .*-markup\.fenced_code.*-markup\.inline\.raw.*-meta\.embedded/);
    const docs = read('docs/highlighting.md');
    for (const scope of grammarScopes(grammar)) {
      assert.match(scope, /\.policy-lexicon$/, `${scope} ends in .policy-lexicon`);
      assert.ok(docs.includes(`\`${scope}\``), `${scope} is documented in docs/highlighting.md`);
    }
    for (const type of TERM_TOKEN_TYPES) assert.ok(docs.includes(`\`${type}\``), `${type} is documented`);
  });

  test('the walkthrough has its five steps, each with an existing Markdown file and working command links', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.equal(walkthrough.title, 'Get started with Policy Lexicon');
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openExample', 'hover', 'complete', 'fixAll', 'addGlossary']);
    const ours = Object.values(COMMAND) as string[];
    const builtIn = ['editor.action.showHover', 'editor.action.triggerSuggest', 'workbench.action.openSettings'];
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
      assert.match(step.media.markdown, /^docs\/walkthrough\/[a-z-]+\.md$/);
      const links = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m: RegExpMatchArray) => m[1]);
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const command of links) assert.ok(ours.includes(command) || builtIn.includes(command), `${step.id}: ${command}`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.*)$/.exec(event)?.[1];
        if (command) assert.ok(ours.includes(command) || builtIn.includes(command), `${step.id}: ${event}`);
      }
    }
    assert.ok(fs.existsSync(path.join(ROOT, EXAMPLE_DRAFT)), 'the example draft the first step opens exists');
  });
});

suite('workspace trust', () => {
  test('limited support in untrusted workspaces: the glossary list from workspace settings is restricted', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.ok(typeof trust.description === 'string' && trust.description.length > 40);
    assert.deepEqual(trust.restrictedConfigurations, ['policyLexicon.glossaries']);
    for (const key of trust.restrictedConfigurations) assert.ok(contributes.configuration.properties[key], `${key} is a declared setting`);
  });

  test('the client tells the server about trust, and starts it again when trust is granted', () => {
    const client = read('client/src/client.ts');
    const extension = read('client/src/extension.ts');
    assert.match(client, /initializationOptions:\s*\{\s*trusted:\s*vscode\.workspace\.isTrusted\s*\}/);
    assert.match(extension, /onDidGrantWorkspaceTrust\(\(\) => void restart\(\)\)/);
  });
});
