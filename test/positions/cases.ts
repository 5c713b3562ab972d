/**
 * Drafts where a careless offset computation would shift a range: characters outside the BMP,
 * CJK, combining accents, CRLF, lone CR and mixed line endings, a BOM, tabs, and a last line
 * without a newline. Each contains "ADMM Plus" once (a non-canonical form of "ADMM-Plus").
 */
export const POSITION_CASES: ReadonlyArray<{ readonly name: string; readonly text: string }> = [
  { name: 'emoji and a flag before the term', text: 'Intro 😀👍🏽🇺🇳 line.\nThe 😀 ADMM Plus met.\n' },
  { name: 'mathematical letters outside the BMP', text: '𝒜𝒜𝒜 and the ADMM Plus met.\n' },
  { name: 'CJK', text: '中文日本語：the ADMM Plus met.\n' },
  { name: 'combining accents', text: 'Cafe\u0301 re\u0301union, the ADMM Plus met.\n' },
  { name: 'CRLF', text: 'First line.\r\n\r\nSecond 😀 line, the ADMM Plus met.\r\n' },
  { name: 'lone CR', text: 'First line.\r\rSecond line, the ADMM Plus met.\r' },
  { name: 'mixed line endings', text: 'One.\nTwo.\r\nThree.\rFour, the ADMM Plus met.\n' },
  { name: 'a BOM', text: '\uFEFFThe ADMM Plus met.\n' },
  { name: 'tabs', text: 'Tabs\there\tand the\tADMM Plus\tmet.\n' },
  { name: 'no final newline', text: 'Line one.\n\nThe last words: ADMM Plus' },
];

export const TERM = 'ADMM Plus';
export const FIXED = 'ADMM-Plus';

/**
 * The LSP position of a UTF-16 offset, computed independently of any text-document library:
 * CRLF, CR and LF each end a line, characters count UTF-16 code units.
 */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') continue;
    if (c === '\r' || c === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
