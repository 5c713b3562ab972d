// The perf generator's glossary.json (its own format: name, acronym, nameVariants,
// acronymVariants) as a Policy Lexicon glossary (*.lexicon.json, schemas/lexicon.schema.json).
// Each wrong variant becomes a `variants` entry fixed to the name, or to the acronym for an
// acronym variant. Usage: node bench/convert-glossary.mjs <glossary.json> <out.lexicon.json>
import * as fs from 'node:fs';

export function convertGlossary(entries) {
  return {
    version: 1,
    terms: entries.map((e) => ({
      id: `g${e.id}`,
      kind: 'concept',
      name: e.name,
      ...(e.acronym ? { acronym: e.acronym, expand: false } : {}),
      variants: [
        // Plain strings where the fix is the name: a 50,000-entry glossary stays under the 16 MB file limit.
        ...e.nameVariants,
        ...e.acronymVariants.map((text) => ({ text, replacement: e.acronym })),
      ],
    })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  fs.writeFileSync(output, `${JSON.stringify(convertGlossary(JSON.parse(fs.readFileSync(input, 'utf8'))))}\n`);
}
