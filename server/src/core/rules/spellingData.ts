/**
 * House spelling data. Each family lists the American form, the UN form (Oxford spelling: the
 * Concise Oxford English Dictionary's first form, "-ize" where it is a suffix, but "analyse",
 * "programme", "defence", "centre", "behaviour", "judgement") and the British "-ise" form.
 *
 * Source: United Nations Editorial Manual, spelling (summarised by UNU-MERIT, "United Nations
 * editorial guide", https://www.slideshare.net/UNU-MERIT-PRESS-OFFICE/united-nations-editorial-guide),
 * as recorded in shared/facts/style.md, rule 4.1; U.S. forms per rule 4.3.
 */

export interface SpellingFamily {
  readonly us: readonly string[];
  readonly un: readonly string[];
  readonly gb: readonly string[];
}


/** Families whose British and UN forms agree and differ from the American ones. */
const BRITISH: Array<[string[], string[]]> = [
  [['program', 'programs'], ['programme', 'programmes']],
  [['center', 'centers', 'centered'], ['centre', 'centres', 'centred']],
  [['defense', 'defenses'], ['defence', 'defences']],
  [['offense', 'offenses'], ['offence', 'offences']],
  [['behavior', 'behaviors', 'behavioral'], ['behaviour', 'behaviours', 'behavioural']],
  [['labor', 'labors'], ['labour', 'labours']],
  [['color', 'colors'], ['colour', 'colours']],
  [['favor', 'favors', 'favorable', 'favored'], ['favour', 'favours', 'favourable', 'favoured']],
  [['honor', 'honors', 'honored'], ['honour', 'honours', 'honoured']],
  [['neighbor', 'neighbors', 'neighboring'], ['neighbour', 'neighbours', 'neighbouring']],
  [['endeavor', 'endeavors'], ['endeavour', 'endeavours']],
  [['analyze', 'analyzes', 'analyzed', 'analyzing'], ['analyse', 'analyses', 'analysed', 'analysing']],
  [['catalyze', 'catalyzes', 'catalyzed', 'catalyzing'], ['catalyse', 'catalyses', 'catalysed', 'catalysing']],
  [['paralyze', 'paralyzes', 'paralyzed'], ['paralyse', 'paralyses', 'paralysed']],
  [['judgment', 'judgments'], ['judgement', 'judgements']],
  [['fulfill', 'fulfills', 'fulfillment'], ['fulfil', 'fulfils', 'fulfilment']],
  [['enrollment'], ['enrolment']],
  [['traveled', 'traveling'], ['travelled', 'travelling']],
  [['canceled', 'canceling'], ['cancelled', 'cancelling']],
  [['labeled', 'labeling'], ['labelled', 'labelling']],
  [['modeling'], ['modelling']],
  [['counselor', 'counselors'], ['counsellor', 'counsellors']],
  [['catalog', 'catalogs'], ['catalogue', 'catalogues']],
];

/** Verbs spelled "-ize" in American and UN (Oxford) spelling and "-ise" in British -ise spelling. */
const IZE_STEMS = [
  'organ', 'recogn', 'priorit', 'emphas', 'real', 'character', 'util', 'mobil', 'stabil', 'criminal', 'harmon',
  'operational', 'institutional', 'maxim', 'minim', 'summar', 'author', 'final', 'legitim', 'modern', 'normal',
  'special', 'standard', 'subsid', 'symbol', 'jeopard', 'capital', 'digital', 'industrial', 'global',
  'international', 'categor', 'critic', 'legal', 'optim', 'visual', 'central', 'decentral', 'local', 'penal',
  'public', 'revital', 'scrutin', 'sensit', 'social', 'sympath', 'synthes', 'apolog', 'civil', 'memor',
  'democrat', 'polar', 'marginal', 'formal', 'finan', 'incentiv', 'monet', 'national', 'neutral', 'privat',
  'regional', 'secur', 'stigmat', 'weapon', 'militar', 'commercial', 'conceptual', 'contextual', 'energ',
];
const IZE_SUFFIXES = ['ize', 'izes', 'ized', 'izing', 'ization', 'izations'];

export const SPELLING_FAMILIES: readonly SpellingFamily[] = [
  ...BRITISH.map(([us, gb]) => ({ us, un: gb, gb })),
  ...IZE_STEMS.map((stem) => {
    const ize = IZE_SUFFIXES.map((suffix) => stem + suffix);
    return { us: ize, un: ize, gb: ize.map((w) => w.replace(/iz(?=e|ing|ation)/, 'is')) };
  }),
];

