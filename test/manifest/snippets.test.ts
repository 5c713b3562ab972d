import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CHECK_OPTIONS } from '../../server/src/core';
import { builtinGlossary, builtinService, doc, ROOT } from '../helpers/fixtures';
import { parseSnippet, render, walk, SnippetSyntaxError, type SnippetNode } from '../helpers/snippetSyntax';

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributed = (manifest.contributes.snippets ?? []) as Array<{ language: string; path: string }>;
const SNIPPETS_FILE = path.join(ROOT, 'snippets', 'markdown.json');
const snippets = JSON.parse(fs.readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, SnippetDefinition>;
const bodyOf = (s: SnippetDefinition) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

/** Fixed values for the variables the snippets use, as VS Code would resolve them on 3 October 2019. */
const VARIABLES = { CURRENT_DATE: '03', CURRENT_MONTH_NAME: 'October', CURRENT_YEAR: '2019' };

suite('snippet syntax parser', () => {
  test('reads tab stops, placeholders, choices, variables and escapes', () => {
    assert.deepEqual(parseSnippet('a $1 ${2} ${3:x ${4:y}} ${5|one,t\\,wo|} $TM_FILENAME ${CLIPBOARD:none} \\$5 \\} \\\\'), [
      { type: 'text', value: 'a ' },
      { type: 'tabstop', index: 1 },
      { type: 'text', value: ' ' },
      { type: 'tabstop', index: 2 },
      { type: 'text', value: ' ' },
      { type: 'placeholder', index: 3, children: [{ type: 'text', value: 'x ' }, { type: 'placeholder', index: 4, children: [{ type: 'text', value: 'y' }] }] },
      { type: 'text', value: ' ' },
      { type: 'choice', index: 5, options: ['one', 't,wo'] },
      { type: 'text', value: ' ' },
      { type: 'variable', name: 'TM_FILENAME' },
      { type: 'text', value: ' ' },
      { type: 'variable', name: 'CLIPBOARD', children: [{ type: 'text', value: 'none' }] },
      { type: 'text', value: ' $5 } \\' },
    ]);
  });

  test('reads transforms on tab stops and variables', () => {
    assert.deepEqual(parseSnippet('${1/(.*)/${1:/upcase}/g}${TM_FILENAME/[.]md$//}'), [
      { type: 'tabstop', index: 1, transform: { regex: '(.*)', format: '${1:/upcase}', options: 'g' } },
      { type: 'variable', name: 'TM_FILENAME', transform: { regex: '[.]md$', format: '', options: '' } },
    ]);
  });

  test('rejects malformed snippets with the offset of the problem', () => {
    const bad: Array<[string, RegExp]> = [
      ['costs $ 5', /"\$" starts no tab stop/],
      ['${1:unclosed', /placeholder \$\{1:…\} is not closed/],
      ['${1|a,b}', /choice 1 is not closed/],
      ['${1|a,,b|}', /choice 1 has an empty option/],
      ['${1|a|b|}', /"\|" inside choice 1 must be escaped/],
      ['${}', /must be followed by a number or a variable name/],
      ['${1 x}', /unexpected " " after "\$\{1"/],
      ['a } b', /unescaped "\}" outside a placeholder/],
      ['$NOT_A_VARIABLE', /unknown variable "NOT_A_VARIABLE"/],
      ['${1/(unclosed/x/}', /invalid regular expression/],
      ['${1/a/b}', /transform format is not closed/],
      ['${1/a/${1:/shout}/}', /unknown format modifier/],
      ['${1/a/$x/}', /malformed format/],
      ['${TM_FILENAME:x', /placeholder of variable TM_FILENAME is not closed/],
    ];
    for (const [body, message] of bad) {
      assert.throws(() => parseSnippet(body), (error: unknown) => error instanceof SnippetSyntaxError && message.test(error.message), body);
    }
  });

  test('renders defaults, mirrors and transforms as VS Code inserts them', () => {
    const nodes = parseSnippet('${1|Second,Third|} / ${1/(.*)/${1:/downcase}/} / ${2:x} $2 / ${CURRENT_DATE/^0//}');
    assert.equal(render(nodes, { variables: { CURRENT_DATE: '03' } }), 'Second / second / x x / 3');
    assert.equal(render(nodes, { choices: { 1: 'Third' }, variables: { CURRENT_DATE: '14' } }), 'Third / third / x x / 14');
  });
});

suite('snippets/markdown.json', () => {
  // Parsed inside the tests, so that a malformed snippet fails a test rather than the whole run.
  let cache: Map<string, SnippetNode[]> | undefined;
  const parsedSnippets = () => {
    cache ??= new Map(
      Object.entries(snippets).map(([name, snippet]) => {
        try {
          return [name, parseSnippet(bodyOf(snippet))];
        } catch (error) {
          throw new Error(`snippet "${name}": ${(error as Error).message}`);
        }
      }),
    );
    return cache;
  };
  const parsed = { get: (name: string) => parsedSnippets().get(name), [Symbol.iterator]: () => parsedSnippets()[Symbol.iterator]() };

  test('is contributed for Markdown', () => {
    assert.deepEqual(contributed, [{ language: 'markdown', path: './snippets/markdown.json' }]);
  });

  test('has the statement skeleton, recalling, reaffirmed, forums and footer snippets', () => {
    assert.deepEqual(Object.keys(snippets), ["Co-chairs' statement", 'Recalling paragraph', 'Reaffirmed resolution paragraph', 'List of forums', 'Dated footer']);
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(snippet.description, `${name} has a description`);
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => /^[a-z][a-z-]*$/.test(p)), `${name}: prefixes are lower-case words`);
    }
  });

  test('every body parses, and each tab stop is defined once and ends in $0', () => {
    for (const [name, nodes] of parsed) {
      const defined = new Map<number, SnippetNode>();
      const used = new Set<number>();
      for (const node of walk(nodes)) {
        if (node.type === 'placeholder' || node.type === 'choice') {
          assert.ok(!defined.has(node.index), `${name}: tab stop ${node.index} has two placeholders or choices`);
          defined.set(node.index, node);
        }
        if (node.type === 'tabstop' || node.type === 'placeholder' || node.type === 'choice') used.add(node.index);
      }
      assert.ok(used.has(0), `${name} ends in $0`);
      const numbers = [...used].filter((n) => n > 0).sort((a, b) => a - b);
      assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${name}: tab stops are numbered 1..n without gaps`);
    }
  });

  test('the skeleton has the statement parts in order', () => {
    const text = render(parsed.get("Co-chairs' statement")!, { variables: VARIABLES });
    const parts = ["# ASEAN-U.S. Cyber Policy Dialogue, 2019: Co-Chairs' Statement", 'The following is the text of the co-chairs\' statement of the second ASEAN-U.S. Cyber Policy Dialogue', 'Begin Text:', 'The second ASEAN-U.S. Cyber Policy Dialogue was held in Singapore on 3 October 2019.', 'co-chaired by the United States and Singapore', 'End Text'];
    let at = 0;
    for (const part of parts) {
      const found = text.indexOf(part, at);
      assert.ok(found >= at, `"${part}" in order in:\n${text}`);
      at = found;
    }
  });

  test('resolution and forum choices come from the built-in glossary', () => {
    const glossary = builtinGlossary();
    const numbers = glossary.entries.filter((e) => e.kind === 'resolution').map((e) => e.number);
    const resolutionChoice = [...walk(parsed.get('Reaffirmed resolution paragraph')!)].find((n) => n.type === 'choice');
    assert.ok(resolutionChoice?.type === 'choice');
    assert.deepEqual([...resolutionChoice.options].sort(), [...numbers].sort());

    const forumChoices = [...walk(parsed.get('List of forums')!)].filter((n) => n.type === 'choice');
    assert.equal(forumChoices.length, 3);
    for (const choice of forumChoices) {
      assert.ok(choice.type === 'choice');
      for (const option of choice.options) {
        const [, name, acronym] = /^(.*?)(?: \(([^()]+)\))?$/.exec(option)!;
        const entry = glossary.entries.find((e) => e.name === name);
        assert.ok(entry, `"${name}" is a glossary name`);
        assert.ok(['forum', 'meeting', 'working-group'].includes(entry.kind), `${name} is a forum, meeting or working group`);
        assert.equal(acronym, entry.expand ? entry.acronym : undefined, `${name} is written with its acronym at first use`);
      }
    }
  });

  test('every snippet, with any choice, inserts a draft with no findings', () => {
    const service = builtinService();
    for (const [name, nodes] of parsed) {
      const variants: Array<Record<number, string>> = [{}];
      for (const node of walk(nodes)) {
        if (node.type === 'choice') for (const option of node.options) variants.push({ [node.index]: option });
      }
      const choiceNodes = [...walk(nodes)].filter((n) => n.type === 'choice');
      for (const choices of variants) {
        // Listing one forum twice is not a draft anyone writes: skip picks that repeat another choice's value.
        const picked = choiceNodes.map((n) => choices[n.index] ?? n.options[0]);
        if (new Set(picked).size < picked.length) continue;
        const text = render(nodes, { variables: VARIABLES, choices });
        const findings = service.diagnose(doc(text), DEFAULT_CHECK_OPTIONS);
        assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), [], `${name} with ${JSON.stringify(choices)}:\n${text}`);
      }
    }
  });
});
