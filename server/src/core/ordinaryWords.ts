/**
 * Common English words that are also plausible acronyms (WHO, AID, ACT, US...). A glossary
 * acronym written in lower case, or capitalised, is a mention only when its lower-case
 * spelling is not one of these: "Telmin" is TELMIN in the wrong case, "Who" is just a word.
 */
const WORDS = `
a able about above act add age ago aid aids aim air all also am an and any apt arc are area arm art as ask at
back bad ban bar base be bed best big bill bit body bond both box boy bus but buy by call can cap car care case
cat cause cent chair cite city civil clear code cold come core cost could court cut data date day deal dear did
die do does dog done door down draw due duty each ear east eat end era even ever eye face fact fair fall far
fast fee few file fill find fine fire firm fit five fix flag flat fly for form four free from fuel full fund
gain game gap gas get give go goal gold good got grant great grew grow had half hand hard has have he head
hear help her here high him his hit hold home hope hot how huge ice idea if ill in into is it its job join
just keep key kind know lab lack land last late law lead left less let life like line list live long look
lose lot low made main make man many map mark may me mean meet men met mid mind miss mode more most move much
must my name near need net new news next nice nine no nor not note now of off oil old on once one only open
or order our out over own pact page paid pan part party pass past pay peace per pin plan play plus point
policy pool post put race raise ram ran rate read real red rely rest rich ride right rise risk road role room
rule run safe said sale same saw say sea seat see seek seen sell send set she ship shop show side sign sin six
size so some son soon sort spot star stay step stop such sum sun sure take talk tan task team tell ten term
test than that the their them then there these they thing this those three time tip to today told too took
top total town trade tree true try turn two type under unit up upon us use used very via view vote wage wait
walk wall want war was way we week well went were west what when where which while who whole why wide will
win with won word work year yes yet you young your
`;

export const ORDINARY_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
