/**
 * How large a draft may be and still be analysed between keystrokes. Analysis is incremental
 * by top-level Markdown block, but one block is analysed whole: a draft pasted as a single
 * 10 MB line is one block and takes seconds. Such drafts, and drafts too long to analyse from
 * scratch in a moment, are "oversized": the server checks them in the background and leaves
 * the interactive features off for them, except hover, completion and quick fixes on a draft
 * oversized for its length alone, which that thread answers (lsp/background.ts).
 */

/** The longest stretch of text without a blank line (UTF-16 code units) analysed interactively. */
export const MAX_INTERACTIVE_STRETCH = 256 * 1024;
/** The longest draft analysed interactively. */
export const MAX_INTERACTIVE_LENGTH = 4 * 1024 * 1024;

export interface SizeVerdict {
  readonly oversized: boolean;
  /** Why, in words, when oversized. */
  readonly reason?: string;
  /**
   * Oversized for its length alone: no stretch is too long, so an edit re-analyses only the few
   * blocks it touched, and a check of the next version can build on the last one's analysis.
   */
  readonly blockwise?: boolean;
}

/** Whether `text` is too large for interactive analysis, and why. One pass at most, no allocation per line. */
export function sizeVerdict(text: string): SizeVerdict {
  return sizeVerdictWith(text, MAX_INTERACTIVE_LENGTH, MAX_INTERACTIVE_STRETCH);
}

/** `sizeVerdict` with its limits as parameters (tests use small ones). */
export function sizeVerdictWith(text: string, maxLength: number, maxStretch: number): SizeVerdict {
  const stretch = stretchVerdict(text, maxStretch);
  if (text.length > maxLength && !stretch.oversized) return { oversized: true, reason: `${text.length} characters (more than ${maxLength})`, blockwise: true };
  return stretch;
}

/** Whether `text` has a stretch without a blank line longer than `maxStretch`. */
function stretchVerdict(text: string, maxStretch: number): SizeVerdict {
  if (text.length <= maxStretch) return { oversized: false };
  // This runs on every change of a large draft. First the usual case: empty lines ("\n\n") are
  // blank lines, so the stretches between them bound the stretches between all blank lines; when
  // even those are short enough, the draft is not oversized. Each step jumps to the last empty
  // line within reach, a native search backwards: a few steps for a draft of many paragraphs.
  if (text.indexOf('\r') < 0) {
    let from = 0;
    while (text.length - from > maxStretch) {
      const p = text.lastIndexOf('\n\n', from + maxStretch - 1);
      if (p < from) break;
      from = p + 1;
    }
    if (text.length - from <= maxStretch) return { oversized: false };
  }
  // Then line by line with indexOf: a line of only spaces and tabs ends a stretch.
  let from = 0;
  let longest = 0;
  let cr = text.indexOf('\r');
  for (let start = 0; start < text.length; ) {
    let lf = text.indexOf('\n', start);
    if (lf < 0) lf = text.length;
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    const end = cr >= 0 && cr < lf ? cr : lf;
    let j = start;
    while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j === end && end < text.length) {
      longest = Math.max(longest, start - from);
      from = end;
    }
    // Already too long: no need to read on.
    if (end - from > maxStretch) return oversizedStretch(end - from, maxStretch);
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  longest = Math.max(longest, text.length - from);
  return longest > maxStretch ? oversizedStretch(longest, maxStretch) : { oversized: false };
}

function oversizedStretch(length: number, maxStretch: number): SizeVerdict {
  return { oversized: true, reason: `at least ${length} characters without a blank line (more than ${maxStretch})` };
}
