import { pathToFileURL } from 'node:url';
import type { LoadResult } from '../core';
import type { GlossaryStatus } from '../protocol';

/**
 * What the status item says about one glossary: how many entries it gave, or the first error
 * that stopped it being used (the server keeps the last good version in that case, whose entry
 * count the caller passes as `fallbackEntries`).
 */
export function glossaryStatus(label: string, file: string, result: LoadResult, options: { builtin?: boolean; fallbackEntries?: number } = {}): GlossaryStatus {
  const uri = file.includes('://') ? file : pathToFileURL(file).href;
  const error = result.problems.find((p) => p.severity === 'error');
  return {
    label,
    ...(options.builtin ? { builtin: true } : {}),
    uri,
    entries: result.glossary?.entries.length ?? options.fallbackEntries ?? 0,
    error: error ? { uri, line: error.line, message: error.message } : undefined,
  };
}
