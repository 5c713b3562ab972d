/**
 * How large a draft may be and still be analysed between keystrokes. Analysis is incremental
 * by top-level Markdown block, but one block is analysed whole: a draft pasted as a single
 * 10 MB line is one block and takes seconds. Such drafts, and drafts too long to analyse from
 * scratch in a moment, are "oversized": the server checks them in the background and leaves
 * hover, completion and the other interactive features off for them.
 */

/** The longest stretch of text without a blank line (UTF-16 code units) analysed interactively. */
export const MAX_INTERACTIVE_STRETCH = 256 * 1024;
/** The longest draft analysed interactively. */
export const MAX_INTERACTIVE_LENGTH = 4 * 1024 * 1024;

export interface SizeVerdict {
  readonly oversized: boolean;
  /** Why, in words, when oversized. */
  readonly reason?: string;
}

/** Whether `text` is too large for interactive analysis, and why. One pass, no allocation per line. */
export function sizeVerdict(text: string): SizeVerdict {
  if (text.length > MAX_INTERACTIVE_LENGTH) return { oversized: true, reason: `${text.length} characters (more than ${MAX_INTERACTIVE_LENGTH})` };
  if (text.length <= MAX_INTERACTIVE_STRETCH) return { oversized: false };
  const blankLine = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?=\r|\n)/g;
  let from = 0;
  let longest = 0;
  for (let m = blankLine.exec(text); m; m = blankLine.exec(text)) {
    longest = Math.max(longest, m.index - from);
    from = m.index + m[0].length;
  }
  longest = Math.max(longest, text.length - from);
  return longest > MAX_INTERACTIVE_STRETCH
    ? { oversized: true, reason: `${longest} characters without a blank line (more than ${MAX_INTERACTIVE_STRETCH})` }
    : { oversized: false };
}
