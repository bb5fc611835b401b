import type { OutcomeFormat, OutcomeLang } from '@shared/outcome/api';

/** The published page's own words, in each UI language. Participant text is never translated. */
export interface OutcomeStrings {
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  /** The language's name in itself, for the language switch. */
  languageName: string;
  skipToContent: string;
  languageNav: string;
  publishedFindings: string;
  forum: string;
  published: string;
  version: string;
  clusters: string;
  untitledCluster: string;
  noteCount: (n: number) => string;
  notesOutside: string;
  noNotes: string;
  anonymous: string;
  author: string;
  voteCount: (n: number) => string;
  remoteOf: (n: number) => string;
  voteResults: string;
  noVotes: string;
  budget: (n: number) => string;
  notesByVotes: string;
  clustersByVotes: string;
  rank: string;
  note: string;
  cluster: string;
  inRoom: string;
  remote: string;
  total: string;
  proposals: string;
  untitledProposal: string;
  basedOn: string;
  picture: string;
  pictureAlt: (clusters: number, notes: number) => string;
  openPicture: string;
  about: string;
  hash: string;
  permalink: string;
  schema: string;
  downloads: string;
  formats: Record<OutcomeFormat, string>;
  allOutcomes: string;
  footer: string;
  indexTitle: string;
  indexEmpty: string;
}

const plural = (one: string, many: string) => (n: number) =>
  (n === 1 ? one : many).replace('#', String(n));

const en: OutcomeStrings = {
  locale: 'en-GB',
  languageName: 'English',
  skipToContent: 'Skip to content',
  languageNav: 'Language',
  publishedFindings: 'Published findings',
  forum: 'Forum',
  published: 'Published',
  version: 'Version',
  clusters: 'Clusters',
  untitledCluster: 'Untitled cluster',
  noteCount: plural('# note', '# notes'),
  notesOutside: 'Notes outside clusters',
  noNotes: 'This board has no notes.',
  anonymous: 'anonymous',
  author: 'Author',
  voteCount: plural('# vote', '# votes'),
  remoteOf: (n) => `${n} of them remote`,
  voteResults: 'Vote results',
  noVotes: 'No votes were given.',
  budget: plural('Each person had # vote.', 'Each person had # votes.'),
  notesByVotes: 'Notes by votes',
  clustersByVotes: 'Clusters by votes',
  rank: 'Rank',
  note: 'Note',
  cluster: 'Cluster',
  inRoom: 'In the room',
  remote: 'Remote',
  total: 'Total',
  proposals: 'Proposals',
  untitledProposal: 'Untitled proposal',
  basedOn: 'Based on these notes',
  picture: 'Picture of the board',
  pictureAlt: (c, n) =>
    `The board as a picture: ${plural('# cluster', '# clusters')(c)} and ${plural('# note', '# notes')(n)}. Everything in it is listed as text on this page.`,
  openPicture: 'Open the picture (SVG)',
  about: 'About this version',
  hash: 'SHA-256 of the JSON file',
  permalink: 'Permanent link',
  schema: 'Data format (JSON Schema)',
  downloads: 'Download',
  formats: {
    html: 'Web page (HTML)',
    json: 'Data (JSON)',
    md: 'Text (Markdown)',
    csv: 'Notes as a table (CSV)',
    svg: 'Picture (SVG)',
  },
  allOutcomes: 'All published findings of this forum',
  footer:
    'Published with Talkoot. This version never changes; a later version gets an address of its own.',
  indexTitle: 'Published findings',
  indexEmpty: 'Nothing has been published yet.',
};

const fi: OutcomeStrings = {
  locale: 'fi-FI',
  languageName: 'Suomi',
  skipToContent: 'Siirry sisältöön',
  languageNav: 'Kieli',
  publishedFindings: 'Julkaistut tulokset',
  forum: 'Foorumi',
  published: 'Julkaistu',
  version: 'Versio',
  clusters: 'Ryhmät',
  untitledCluster: 'Nimetön ryhmä',
  noteCount: plural('# muistilappu', '# muistilappua'),
  notesOutside: 'Ryhmiin kuulumattomat muistilaput',
  noNotes: 'Taululla ei ole muistilappuja.',
  anonymous: 'anonyymi',
  author: 'Kirjoittaja',
  voteCount: plural('# ääni', '# ääntä'),
  remoteOf: (n) => `joista ${n} etänä`,
  voteResults: 'Äänestyksen tulokset',
  noVotes: 'Ääniä ei annettu.',
  budget: plural('Jokaisella oli # ääni.', 'Jokaisella oli # ääntä.'),
  notesByVotes: 'Muistilaput äänimäärän mukaan',
  clustersByVotes: 'Ryhmät äänimäärän mukaan',
  rank: 'Sija',
  note: 'Muistilappu',
  cluster: 'Ryhmä',
  inRoom: 'Paikan päällä',
  remote: 'Etänä',
  total: 'Yhteensä',
  proposals: 'Ehdotukset',
  untitledProposal: 'Nimetön ehdotus',
  basedOn: 'Perustuu näihin muistilappuihin',
  picture: 'Kuva taulusta',
  pictureAlt: (c, n) =>
    `Taulu kuvana: ${plural('# ryhmä', '# ryhmää')(c)} ja ${plural('# muistilappu', '# muistilappua')(n)}. Kaikki kuvan sisältö on tällä sivulla myös tekstinä.`,
  openPicture: 'Avaa kuva (SVG)',
  about: 'Tietoa tästä versiosta',
  hash: 'JSON-tiedoston SHA-256-tiiviste',
  permalink: 'Pysyvä linkki',
  schema: 'Tietomuoto (JSON Schema)',
  downloads: 'Lataa',
  formats: {
    html: 'Verkkosivu (HTML)',
    json: 'Data (JSON)',
    md: 'Teksti (Markdown)',
    csv: 'Muistilaput taulukkona (CSV)',
    svg: 'Kuva (SVG)',
  },
  allOutcomes: 'Kaikki foorumin julkaistut tulokset',
  footer:
    'Julkaistu Talkoot-palvelulla. Tämä versio ei muutu koskaan; myöhempi versio saa oman osoitteensa.',
  indexTitle: 'Julkaistut tulokset',
  indexEmpty: 'Mitään ei ole vielä julkaistu.',
};

const sv: OutcomeStrings = {
  locale: 'sv-SE',
  languageName: 'Svenska',
  skipToContent: 'Hoppa till innehållet',
  languageNav: 'Språk',
  publishedFindings: 'Publicerade resultat',
  forum: 'Forum',
  published: 'Publicerad',
  version: 'Version',
  clusters: 'Grupper',
  untitledCluster: 'Namnlös grupp',
  noteCount: plural('# lapp', '# lappar'),
  notesOutside: 'Lappar utanför grupper',
  noNotes: 'Tavlan har inga lappar.',
  anonymous: 'anonym',
  author: 'Författare',
  voteCount: plural('# röst', '# röster'),
  remoteOf: (n) => `varav ${n} på distans`,
  voteResults: 'Röstningsresultat',
  noVotes: 'Inga röster gavs.',
  budget: plural('Varje person hade # röst.', 'Varje person hade # röster.'),
  notesByVotes: 'Lappar efter antal röster',
  clustersByVotes: 'Grupper efter antal röster',
  rank: 'Plats',
  note: 'Lapp',
  cluster: 'Grupp',
  inRoom: 'På plats',
  remote: 'På distans',
  total: 'Totalt',
  proposals: 'Förslag',
  untitledProposal: 'Namnlöst förslag',
  basedOn: 'Bygger på dessa lappar',
  picture: 'Bild av tavlan',
  pictureAlt: (c, n) =>
    `Tavlan som bild: ${plural('# grupp', '# grupper')(c)} och ${plural('# lapp', '# lappar')(n)}. Allt i bilden finns också som text på den här sidan.`,
  openPicture: 'Öppna bilden (SVG)',
  about: 'Om den här versionen',
  hash: 'SHA-256 för JSON-filen',
  permalink: 'Permanent länk',
  schema: 'Dataformat (JSON Schema)',
  downloads: 'Ladda ner',
  formats: {
    html: 'Webbsida (HTML)',
    json: 'Data (JSON)',
    md: 'Text (Markdown)',
    csv: 'Lappar som tabell (CSV)',
    svg: 'Bild (SVG)',
  },
  allOutcomes: 'Alla publicerade resultat från forumet',
  footer:
    'Publicerad med Talkoot. Den här versionen ändras aldrig; en senare version får en egen adress.',
  indexTitle: 'Publicerade resultat',
  indexEmpty: 'Inget har publicerats ännu.',
};

export const OUTCOME_STRINGS: Record<OutcomeLang, OutcomeStrings> = { en, fi, sv };

/** A date and time for people, in the server's time zone with its name; ISO stays in markup. */
export function formatDateTime(iso: string, strings: OutcomeStrings, timeZone?: string): string {
  const date = new Date(iso);
  const text = new Intl.DateTimeFormat(strings.locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(date);
  const zone = new Intl.DateTimeFormat(strings.locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return zone ? `${text} ${zone}` : text;
}
