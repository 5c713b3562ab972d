// Small helpers shared by the benchmarks: clock, order statistics, formatting.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Milliseconds, high resolution. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The q-quantile (0..1) of a sample, nearest rank. */
export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values) {
  return quantile(values, 0.5);
}

/** "12.3 (10.1–15.0)": median with min–max. */
export function mmm(values, digits = 1) {
  if (!values.length) return 'n/a';
  const f = (v) => v.toFixed(digits);
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}
