import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { isSafeUrl, type TermInfo } from '../core';

/**
 * The only place that builds MarkupContent. Glossary text is untrusted: every piece is
 * escaped so it renders as the literal text it is. No HTML, no command links; a link is
 * emitted only for an absolute http(s) URL, percent-encoded so it cannot break out.
 */

/**
 * Escapes Markdown and HTML syntax so the text renders literally; line breaks become spaces.
 * Inline syntax is escaped everywhere (emphasis, code, brackets, HTML, entities, tables); block
 * syntax only where it can start a block, at the beginning. Parentheses need no escape once
 * brackets are escaped, and leaving them keeps the text readable in clients that show raw Markdown.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>&|~]/g, '\\$&')
    .replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, '$1\\$2');
}

/** A link destination that cannot leave its parentheses or change scheme. */
function linkTarget(url: string): string | undefined {
  if (!isSafeUrl(url)) return undefined;
  return new URL(url).href.replace(/[()<>\s"'\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function termInfoMarkup(info: TermInfo, kind: MarkupKind): MarkupContent {
  if (kind === MarkupKind.PlainText) return { kind, value: termInfoPlain(info) };
  const parts: string[] = [`**${escapeMarkdown(info.heading)}**  \n*${escapeMarkdown(info.subtitle)}*`];
  for (const paragraph of info.paragraphs) parts.push(escapeMarkdown(paragraph));
  if (info.facts.length) parts.push(info.facts.map((f) => `${escapeMarkdown(f.label)}: ${escapeMarkdown(f.value)}`).join('  \n'));
  if (info.sources.length) {
    const lines = info.sources.map((s) => {
      const target = s.url ? linkTarget(s.url) : undefined;
      return target ? `- [${escapeMarkdown(s.text)}](${target})` : `- ${escapeMarkdown(s.text)}`;
    });
    parts.push(`Sources:\n${lines.join('\n')}`);
  }
  if (info.origin) parts.push(`*From ${escapeMarkdown(info.origin)}*`);
  return { kind: MarkupKind.Markdown, value: parts.join('\n\n') };
}

function termInfoPlain(info: TermInfo): string {
  const parts = [info.heading, info.subtitle, ...info.paragraphs];
  if (info.facts.length) parts.push(info.facts.map((f) => `${f.label}: ${f.value}`).join('\n'));
  for (const s of info.sources) parts.push(s.url && isSafeUrl(s.url) ? `Source: ${s.text} <${s.url}>` : `Source: ${s.text}`);
  if (info.origin) parts.push(`From ${info.origin}`);
  return parts.join('\n\n');
}

/** Escaped Markdown for a plain string such as a definition. */
export function plainMarkup(text: string, kind: MarkupKind): MarkupContent {
  return kind === MarkupKind.PlainText ? { kind, value: text } : { kind: MarkupKind.Markdown, value: escapeMarkdown(text) };
}
