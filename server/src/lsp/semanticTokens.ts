import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { TERM_TOKEN_MODIFIERS, TERM_TOKEN_TYPES, type TermToken } from '../core';

/**
 * The legend announced in `initialize`. The type names are declared with their super types
 * in package.json (`semanticTokenTypes`), so VS Code themes can colour them.
 */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TERM_TOKEN_TYPES],
  tokenModifiers: [...TERM_TOKEN_MODIFIERS],
};

/** Encodes tokens (sorted by position) as LSP's relative five-integer groups. */
export function encodeSemanticTokens(tokens: readonly TermToken[]): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokens) {
    const deltaLine = token.line - line;
    const deltaStart = deltaLine === 0 ? token.character - character : token.character;
    let modifiers = 0;
    for (const modifier of token.modifiers) modifiers |= 1 << TERM_TOKEN_MODIFIERS.indexOf(modifier);
    data.push(deltaLine, deltaStart, token.length, TERM_TOKEN_TYPES.indexOf(token.type), modifiers);
    line = token.line;
    character = token.character;
  }
  return { data };
}
