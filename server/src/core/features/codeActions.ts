import { DocumentAnalyser, type DocumentAnalysis } from '../analysis';
import { EditComposer, nonOverlapping } from '../edits';
import type { GlossaryIndex } from '../glossary/glossaryIndex';
import type { CheckOptions, Edit } from '../rules/types';
import { diagnose, rawFindings, type Finding, type RuleErrorSink } from './diagnostics';

/** A code action in domain terms: a titled set of edits on the current document text. */
export interface CodeActionCandidate {
  readonly title: string;
  readonly kind: 'quickfix';
  readonly edits: readonly Edit[];
  /** The finding the action answers. */
  readonly finding: Finding;
  readonly preferred: boolean;
}

/**
 * The quick fixes for findings that touch [start, end]: each finding's fix, recomputed on the
 * current text, then "Disable Policy Lexicon for this line".
 */
export function codeActions(
  analysis: DocumentAnalysis,
  index: GlossaryIndex,
  options: CheckOptions,
  start: number,
  end: number,
  log?: RuleErrorSink,
): CodeActionCandidate[] {
  const findings = diagnose(analysis, index, options, log).filter((f) => f.start <= end && f.end >= start);
  const actions: CodeActionCandidate[] = [];
  for (const finding of findings) {
    if (finding.fix) actions.push({ title: finding.fix.title, kind: 'quickfix', edits: finding.fix.edits, finding, preferred: true });
  }
  for (const finding of findings) {
    actions.push({ title: 'Disable Policy Lexicon for this line', kind: 'quickfix', edits: [disableLineEdit(analysis, finding)], finding, preferred: false });
  }
  return actions;
}

/** Most rounds of fixing before fix-all stops; a fix can reveal another (an expansion moved to the first use). */
const MAX_ROUNDS = 8;

/**
 * Every available fix, as edits on `text`. Fixes are applied in rounds until no fixable
 * finding is left, so applying the result a second time changes nothing; the rounds are
 * composed into one set of edits, outside which the text is unchanged byte for byte.
 */
export function fixAll(text: string, index: GlossaryIndex, options: CheckOptions, log?: RuleErrorSink): Edit[] {
  const composer = new EditComposer(text);
  const analyser = new DocumentAnalyser();
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const analysis = analyser.analyse(current, index);
    const edits = nonOverlapping(rawFindings(analysis, index, options, log).flatMap(({ finding }) => (finding.fix ? [finding.fix.edits] : [])).map(mergeFix).filter((e): e is Edit => e !== undefined));
    if (edits.length === 0) break;
    composer.apply(edits);
    current = composer.text();
  }
  return composer.edits();
}

/** A fix's edits as one edit (fixes here touch one place), so overlapping fixes are dropped whole. */
function mergeFix(edits: readonly Edit[]): Edit | undefined {
  if (edits.length === 1) return edits[0];
  return undefined;
}

/**
 * Inserts `<!-- policy-lexicon-disable-next-line RULE -->` so that it ends on the line before
 * the finding. At the start of a block it goes on a line of its own; inside a paragraph or
 * list it is appended to the previous line, where an HTML comment is inline and changes
 * nothing in the rendered text (a comment line there would split the paragraph).
 */
function disableLineEdit(analysis: DocumentAnalysis, finding: Finding): Edit {
  const text = analysis.text;
  const comment = `<!-- policy-lexicon-disable-next-line ${finding.rule} -->`;
  const lineStart = text.lastIndexOf('\n', finding.start - 1) + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (lineStart === 0) return { start: 0, end: 0, newText: comment + eol };
  const prevEnd = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
  const previous = text.slice(prevStart, prevEnd);
  const prevBlock = analysis.blocks.find((b) => b.start <= prevStart && prevStart < b.end);
  if (previous.trim() === '' || !prevBlock || prevBlock.prose === '') {
    return { start: lineStart, end: lineStart, newText: comment + eol };
  }
  return { start: prevEnd, end: prevEnd, newText: ` ${comment}` };
}
