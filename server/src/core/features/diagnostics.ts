import type { Position } from 'vscode-languageserver-textdocument';
import { mentionsEnd, type DocumentAnalysis } from '../analysis';
import type { GlossaryIndex } from '../glossary/glossaryIndex';
import { RULES } from '../rules';
import type { BlockContext, BlockRule, CheckOptions, Edit, Fix, RawFinding, Related, Rule, Severity } from '../rules/types';
import { detached, lineAt, positionAt } from '../text';

/** A finding with its rule, severity and LSP range. */
export interface Finding {
  readonly rule: string;
  readonly severity: Exclude<Severity, 'off'>;
  readonly start: number;
  readonly end: number;
  readonly range: { readonly start: Position; readonly end: Position };
  readonly message: string;
  readonly fix: Fix | undefined;
  readonly related: ReadonlyArray<{ readonly range: { readonly start: Position; readonly end: Position }; readonly message: string }>;
}

export interface RuleErrorSink {
  error(message: string): void;
}

type Placed = { rule: Rule; severity: Exclude<Severity, 'off'>; finding: RawFinding };

/** Runs every enabled rule over a document; isolated per rule, so one failing rule costs only its own findings. */
export function rawFindings(analysis: DocumentAnalysis, index: GlossaryIndex, options: CheckOptions, log?: RuleErrorSink): Placed[] {
  const out: Placed[] = [];
  const suppressed = suppressions(analysis);
  const base = { text: analysis.text, analysis, index, options };
  const severities = new Map<Rule, Exclude<Severity, 'off'>>();
  const blockRules: BlockRule[] = [];
  for (const rule of RULES) {
    const severity = options.rules[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    severities.set(rule, severity);
    if (rule.scope === 'block') {
      blockRules.push(rule);
      continue;
    }
    try {
      const found = rule.check(base);
      for (let i = 0; i < found.length; i++) {
        if (!suppressed(rule.id, found[i].start)) out.push({ rule, severity, finding: found[i] });
      }
    } catch (error) {
      log?.error(`rule ${rule.id} failed and was skipped: ${(error as Error).stack ?? error}`);
    }
  }
  const found = blockFindings(blockRules, base, log);
  for (let i = 0; i < found.length; i++) {
    const { rule, finding } = found[i];
    if (!suppressed(rule.id, finding.start)) out.push({ rule, severity: severities.get(rule)!, finding });
  }
  out.sort((a, b) => a.finding.start - b.finding.start || a.finding.end - b.finding.end || (a.rule.id < b.rule.id ? -1 : 1));
  return out;
}

type RuleFinding = { readonly rule: BlockRule; readonly finding: RawFinding };

/** The block rules' findings in one block: relative to the block, and placed at `start`. */
interface BlockMemo {
  readonly relative: readonly RuleFinding[];
  readonly start: number;
  readonly placed: readonly RuleFinding[];
}

const NO_FINDINGS: readonly RuleFinding[] = Object.freeze([]);

/**
 * Findings of the block rules, in one pass over the blocks: taken from each block's memo while
 * its text is unchanged, and reused as placed while the block has not moved, so a keystroke
 * allocates only for the blocks at and after it. A rule that throws on a block loses its
 * findings there and is reported once.
 */
function blockFindings(rules: readonly BlockRule[], base: { text: string; analysis: DocumentAnalysis; index: GlossaryIndex; options: CheckOptions }, log?: RuleErrorSink): RuleFinding[] {
  const { analysis } = base;
  const key = intern(memoKey(rules, base.options));
  const out: RuleFinding[] = [];
  const failed = new Set<BlockRule>();
  const { blocks, mentions, memos } = analysis;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (!block.prose) continue;
    let found = memos[b].get(key) as BlockMemo | undefined;
    if (!found) {
      const placed: RuleFinding[] = [];
      // Spelt out rather than spread from `base`: a spread per block showed in the CLI's profile.
      const context: BlockContext = { text: base.text, analysis, index: base.index, options: base.options, block, blockIndex: b, mentions: mentions.slice(analysis.mentionStarts[b], mentionsEnd(analysis, b)) };
      for (const rule of rules) {
        try {
          for (const finding of rule.checkBlock(context)) placed.push({ rule, finding: shift(finding, 0, true) });
        } catch (error) {
          if (!failed.has(rule)) log?.error(`rule ${rule.id} failed and was skipped in a block: ${(error as Error).stack ?? error}`);
          failed.add(rule);
        }
      }
      // Most blocks have no finding: they share one empty list.
      found = placed.length === 0 ? { relative: NO_FINDINGS, start: block.start, placed: NO_FINDINGS } : { relative: placed.map(({ rule, finding }) => ({ rule, finding: shift(finding, -block.start) })), start: block.start, placed };
      memos[b].set(key, found);
    } else if (found.start !== block.start && found.relative.length > 0) {
      found = { relative: found.relative, start: block.start, placed: found.relative.map(({ rule, finding }) => ({ rule, finding: shift(finding, block.start) })) };
      memos[b].set(key, found);
    }
    for (let i = 0; i < found.placed.length; i++) out.push(found.placed[i]);
  }
  return out;
}

/**
 * The memo key of a set of block rules with their options. Built in a loop: an array mapped and
 * joined here had a different map for no rules than for some, and the deopt that followed
 * threw away the compiled code of the whole of `blockFindings`.
 */
function memoKey(rules: readonly BlockRule[], options: CheckOptions): string {
  let key = 'rules:';
  for (let i = 0; i < rules.length; i++) key += `${i > 0 ? ',' : ''}${rules[i].id}:${rules[i].optionsKey?.(options) ?? ''}`;
  return key;
}

/**
 * One string object per memo key: every block's memo is looked up with the very string it was
 * stored under, so the lookup compares pointers, not characters. Few keys exist (one per set of
 * rules and options in use).
 */
const interned = new Map<string, string>();
function intern(key: string): string {
  let found = interned.get(key);
  if (found === undefined) {
    if (interned.size > 64) interned.clear();
    interned.set(key, (found = key));
  }
  return found;
}

/**
 * `f` moved by `by`; with `own`, its texts are copies (`detached`): a block's memo keeps a
 * finding for as long as the block is unchanged, and a message quoting a slice of the document
 * would keep that version of the whole document alive as long.
 */
function shift(f: RawFinding, by: number, own = false): RawFinding {
  if (by === 0 && !own) return f;
  const text = own ? detached : same;
  return {
    start: f.start + by,
    end: f.end + by,
    message: text(f.message),
    fix: f.fix && { title: text(f.fix.title), edits: shiftEach(f.fix.edits, by, text) },
    related: f.related && shiftRelated(f.related, by, text),
  };
}

/*
 * The two below push onto `[]` rather than `map`: once V8 compiled `map` inside `shift`, the
 * arrays it made had another map than the rules' literals, and the first finding with a fix
 * after that threw away the compiled code of the whole of `blockFindings` (`--trace-deopt`).
 */
function shiftEach(edits: readonly Edit[], by: number, text: (s: string) => string): Edit[] {
  const out: Edit[] = [];
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    out.push({ start: e.start + by, end: e.end + by, newText: text(e.newText) });
  }
  return out;
}

function shiftRelated(related: readonly Related[], by: number, text: (s: string) => string): Related[] {
  const out: Related[] = [];
  for (let i = 0; i < related.length; i++) {
    const r = related[i];
    out.push({ start: r.start + by, end: r.end + by, message: text(r.message) });
  }
  return out;
}

const same = (text: string) => text;

const NO_RELATED: Finding['related'] = Object.freeze([]);

/**
 * A document's last findings. The next check of the version after it hands back the very same
 * `Finding` for a raw finding that is the same object (its block's memo, or a rule's, kept it)
 * and lies wholly before the edit, where offsets and positions are unchanged; so a keystroke
 * positions and allocates only what it moved. One per document; `diagnose` keeps it current.
 */
export class FindingCache {
  serial = -1;
  raw: readonly RawFinding[] = [];
  findings: readonly Finding[] = [];
}

/** Positions every finding; with `cache`, reuses what the previous check of this document positioned. */
export function diagnose(analysis: DocumentAnalysis, index: GlossaryIndex, options: CheckOptions, log?: RuleErrorSink, cache?: FindingCache): Finding[] {
  const placed = rawFindings(analysis, index, options, log);
  const again = cache !== undefined && cache.serial === analysis.serial;
  const reusable = again || (cache !== undefined && cache.serial === analysis.previousSerial);
  const previousRaw = reusable ? cache.raw : [];
  const previous = reusable ? cache.findings : [];
  const limit = again ? Infinity : analysis.unchangedBefore;
  const out: Finding[] = new Array(placed.length);
  const raw: RawFinding[] = new Array(placed.length);
  // Positions from the analysis' line starts: the document would compute its own (the CLI's only use of them).
  const { text, lineStart: lines } = analysis;
  let j = 0;
  for (let i = 0; i < placed.length; i++) {
    const { rule, severity, finding } = placed[i];
    raw[i] = finding;
    let same: Finding | undefined;
    if (finding.end < limit && endsBefore(finding.related, limit)) {
      while (j < previousRaw.length && previousRaw[j].start < finding.start) j++;
      for (let k = j; k < previousRaw.length && previousRaw[k].start === finding.start; k++) {
        if (previousRaw[k] === finding && previous[k].rule === rule.id && previous[k].severity === severity) {
          same = previous[k];
          break;
        }
      }
    }
    out[i] = same ?? {
      rule: rule.id,
      severity,
      start: finding.start,
      end: finding.end,
      range: { start: positionAt(text, lines, finding.start), end: positionAt(text, lines, finding.end) },
      message: finding.message,
      fix: finding.fix,
      related: finding.related?.length ? finding.related.map((r) => ({ range: { start: positionAt(text, lines, r.start), end: positionAt(text, lines, r.end) }, message: r.message })) : NO_RELATED,
    };
  }
  if (cache) {
    cache.serial = analysis.serial;
    cache.raw = raw;
    cache.findings = out;
  }
  return out;
}

function endsBefore(related: RawFinding['related'], limit: number): boolean {
  if (related) for (let i = 0; i < related.length; i++) if (related[i].end >= limit) return false;
  return true;
}

const DIRECTIVE = /^<!--\s*policy-lexicon-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->$/;

/**
 * Suppression comments: `<!-- policy-lexicon-disable-next-line [rule …] -->` silences the
 * line after the comment; `<!-- policy-lexicon-disable [rule …] -->` … `<!-- policy-lexicon-enable [rule …] -->`
 * a stretch of text. Without rule ids they apply to every rule.
 */
export function suppressions(analysis: DocumentAnalysis): (rule: string, offset: number) => boolean {
  const lineOf = (offset: number) => lineAt(analysis.lineStart, offset);
  const lines: Array<{ line: number; rules: Set<string> | undefined }> = [];
  const ranges: Array<{ start: number; end: number; rules: Set<string> | undefined }> = [];
  const open: Array<{ start: number; rules: Set<string> | undefined }> = [];
  for (let b = 0; b < analysis.blocks.length; b++) {
    const comments = analysis.blocks[b].comments;
    for (let c = 0; c < comments.length; c++) {
      const comment = comments[c];
      const m = DIRECTIVE.exec(comment.text.trim());
      if (!m) continue;
      const ids = m[2].split(/[\s,]+/).filter(Boolean);
      const rules = ids.length ? new Set(ids) : undefined;
      if (m[1] === 'disable-next-line') lines.push({ line: lineOf(comment.end) + 1, rules });
      else if (m[1] === 'disable-line') lines.push({ line: lineOf(comment.start), rules });
      else if (m[1] === 'disable') open.push({ start: comment.end, rules });
      else {
        // An enable without rule ids closes everything; with ids, the matching disables.
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i];
          if (!rules || (o.rules && [...o.rules].every((r) => rules.has(r)))) {
            ranges.push({ start: o.start, end: comment.start, rules: o.rules });
            open.splice(i, 1);
          }
        }
      }
    }
  }
  for (const o of open) ranges.push({ start: o.start, end: analysis.text.length, rules: o.rules });
  if (!lines.length && !ranges.length) return () => false;
  return (rule, offset) => {
    const line = lineOf(offset);
    return (
      lines.some((l) => l.line === line && (!l.rules || l.rules.has(rule))) ||
      ranges.some((r) => offset >= r.start && offset < r.end && (!r.rules || r.rules.has(rule)))
    );
  };
}
