import * as assert from 'node:assert/strict';
import { MarkupKind } from 'vscode-languageserver';
import { escapeMarkdown, termInfoMarkup } from '../../server/src/lsp/markup';

suite('markup of untrusted glossary text', () => {
  test('Markdown and HTML syntax come out inert', () => {
    assert.equal(escapeMarkdown('<script>alert(1)</script>'), '\\<script\\>alert(1)\\</script\\>');
    assert.equal(escapeMarkdown('[click](command:workbench.action.terminal.new)'), '\\[click\\](command:workbench.action.terminal.new)');
    assert.equal(escapeMarkdown('**bold** _em_ `code` | &amp; ~x~'), '\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\| \\&amp; \\~x\\~');
    assert.equal(escapeMarkdown('# heading'), '\\# heading');
    assert.equal(escapeMarkdown('1. list'), '\\1. list');
    assert.equal(escapeMarkdown('two\nlines'), 'two lines');
  });

  test('links are rendered only for http(s) URLs, percent-encoded', () => {
    const info = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      entryId: 'x',
      heading: 'X',
      subtitle: 'body',
      paragraphs: [],
      facts: [],
      sources: [
        { text: 'safe', url: 'https://example.org/a b)(' },
        { text: 'command', url: 'command:workbench.action.terminal.new' },
        { text: 'script', url: 'javascript:alert(1)' },
      ],
      origin: undefined,
    };
    const value = termInfoMarkup(info, MarkupKind.Markdown).value;
    assert.match(value, /- \[safe\]\(https:\/\/example\.org\/a%20b%29%28\)/);
    assert.match(value, /- command\n- script$/);
    assert.doesNotMatch(value, /\]\((command|javascript):/);
  });
});
