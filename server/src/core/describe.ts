import type { DateKey, Entry, Source } from './glossary/schema';

/** Statements a glossary source may cite by id, with the title hover shows. */
const STATEMENTS: Record<string, string> = {
  '2019-asean-us-cyber': "Co-Chairs' Statement on the Inaugural ASEAN-U.S. Cyber Policy Dialogue (Singapore, 3 October 2019)",
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1997-12-20" -> "20 December 1997" (UN and ASEAN style); partial dates stay partial. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

const DATE_LABELS: Record<DateKey, string> = {
  established: 'Established',
  adopted: 'Adopted',
  opened: 'Opened',
  launched: 'Launched',
  announced: 'Announced',
  signed: 'Signed',
  agreed: 'Agreed',
  renamed: 'Renamed',
};

export function dateLabel(key: DateKey): string {
  return DATE_LABELS[key];
}

const UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TENS_ORDINAL = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];

/** 71 -> "seventy-first": General Assembly sessions are named in words. */
export function ordinalWords(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 199) return `${n}th`;
  if (n >= 100) return n === 100 ? 'hundredth' : `hundred and ${ordinalWords(n - 100)}`;
  if (n < 10) return UNITS[n];
  if (n < 20) return TEENS[n - 10];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return units === 0 ? TENS_ORDINAL[tens] : `${TENS[tens]}-${UNITS[units]}`;
}

/**
 * The General Assembly session a resolution belongs to: session N opens in September of
 * 1945 + N, so resolution 71/28 belongs to the seventy-first session, 2016–2017.
 */
export function sessionLabel(session: number): string {
  const year = 1945 + session;
  return `${ordinalWords(session)} session of the General Assembly (${year}\u2013${year + 1})`;
}

/** Plain-text label of a source, and its link when it has a safe one. */
export function describeSource(source: Source): { text: string; url?: string } {
  if ('statement' in source) {
    const title = STATEMENTS[source.statement] ?? source.statement;
    return { text: source.paragraph ? `${title}, paragraph ${source.paragraph}` : title };
  }
  return { text: source.title, url: source.url && isSafeUrl(source.url) ? source.url : undefined };
}

/** Only absolute http(s) links are ever rendered; `command:`, `file:`, `javascript:` and the rest are dropped. */
export function isSafeUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** "Name (ACR)" for entries with an acronym. */
export function displayName(entry: Entry): string {
  return entry.acronym ? `${entry.name} (${entry.acronym})` : entry.name;
}

/** "working-group" -> "working group". */
export function kindLabel(kind: string): string {
  return kind.replace(/-/g, ' ');
}
