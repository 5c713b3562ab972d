import type { InlayHint } from 'vscode-languageserver';
import type { ExpansionHint } from '../core';

/**
 * An expansion as an inlay hint after its acronym. Label and tooltip are plain strings, so
 * glossary text is shown as the literal text it is.
 */
export function toInlayHint(hint: ExpansionHint): InlayHint {
  return { position: hint.position, label: hint.label, paddingLeft: true, tooltip: hint.tooltip };
}
