// Detection score: our `check --format json` output against the generator's truth file. A
// seeded wrong variant is found when a finding in the same file overlaps its span; a finding
// that overlaps no seeded variant is a false positive.
export function score(truth, report) {
  const seeded = new Map();
  truth.variants.forEach((v, i) => {
    const key = `${v.file}:${v.line}`;
    if (!seeded.has(key)) seeded.set(key, []);
    seeded.get(key).push({ i, from: v.col, to: v.col + v.len });
  });
  const found = new Set();
  const falsePositives = [];
  for (const file of report.files) {
    const name = file.path.split('/').pop();
    for (const d of file.diagnostics) {
      // LSP ranges are 0-based; the truth's lines and columns are 1-based.
      const line = d.range.start.line + 1;
      const from = d.range.start.character + 1;
      const to = d.range.end.line === d.range.start.line ? d.range.end.character + 1 : Infinity;
      const hits = (seeded.get(`${name}:${line}`) ?? []).filter((s) => from < s.to && to > s.from);
      if (hits.length) for (const h of hits) found.add(h.i);
      else falsePositives.push(`${name}:${line}:${from} ${d.code} ${d.message}`);
    }
  }
  const missed = truth.variants.filter((_, i) => !found.has(i)).map((v) => v.text);
  return { seeded: truth.variants.length, found: found.size, falsePositives: falsePositives.length, falsePositiveSamples: falsePositives.slice(0, 5), missedSamples: missed.slice(0, 5) };
}
