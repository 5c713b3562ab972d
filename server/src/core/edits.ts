import type { Edit } from './rules/types';

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping edits at ${edit.start}`);
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Drops edits that overlap an earlier one (in document order); the survivors can be applied together. */
export function nonOverlapping(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  let end = -1;
  for (const edit of sorted) {
    if (edit.start < end || (edit.start === end && edit.start === edit.end && out.length && out[out.length - 1].start === edit.start)) continue;
    out.push(edit);
    end = Math.max(end, edit.end);
  }
  return out;
}

type Segment = { readonly orig: readonly [number, number] } | { readonly ins: string };

/**
 * Tracks a text through several rounds of edits and gives the result as edits on the
 * original text, so a fix-all that needs more than one pass still returns one set of edits,
 * and everything outside them is the original, byte for byte.
 */
export class EditComposer {
  private segments: Segment[];

  constructor(private readonly original: string) {
    this.segments = original.length ? [{ orig: [0, original.length] }] : [];
  }

  /** Applies edits expressed against the current text. */
  apply(edits: readonly Edit[]): void {
    for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) this.replace(edit);
  }

  private replace(edit: Edit): void {
    const out: Segment[] = [];
    let pos = 0;
    let inserted = false;
    for (const seg of this.segments) {
      const len = 'ins' in seg ? seg.ins.length : seg.orig[1] - seg.orig[0];
      const keepBefore = clamp(edit.start - pos, 0, len);
      const keepAfterFrom = clamp(edit.end - pos, keepBefore, len);
      if (keepBefore > 0) out.push(slice(seg, 0, keepBefore));
      if (!inserted && edit.start <= pos + len) {
        if (edit.newText) out.push({ ins: edit.newText });
        inserted = true;
      }
      if (keepAfterFrom < len) out.push(slice(seg, keepAfterFrom, len));
      pos += len;
    }
    if (!inserted && edit.newText) out.push({ ins: edit.newText });
    this.segments = out;
  }

  /** The current text. */
  text(): string {
    return this.segments.map((s) => ('ins' in s ? s.ins : this.original.slice(s.orig[0], s.orig[1]))).join('');
  }

  /** The composed change as non-overlapping edits on the original text. */
  edits(): Edit[] {
    const edits: Edit[] = [];
    let origPos = 0;
    let pending = '';
    const emit = (upTo: number) => {
      if ((upTo > origPos || pending) && pending !== this.original.slice(origPos, upTo)) {
        edits.push({ start: origPos, end: upTo, newText: pending });
      }
      pending = '';
    };
    for (const seg of this.segments) {
      if ('ins' in seg) {
        pending += seg.ins;
        continue;
      }
      emit(seg.orig[0]);
      origPos = seg.orig[1];
    }
    emit(this.original.length);
    return edits;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function slice(seg: Segment, from: number, to: number): Segment {
  return 'ins' in seg ? { ins: seg.ins.slice(from, to) } : { orig: [seg.orig[0] + from, seg.orig[0] + to] };
}
