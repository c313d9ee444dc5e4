import type { Dimension } from '../../src/dimensions/dimension.types';
import type { District } from '../../src/districts/district.types';
import type { Topic } from '../../src/topics/topic.types';
import { capitalise, decline, joinDe, type NounPhrase } from './grammar';
import type { Rng } from './rng';
import type { PartnerKind } from './types';

/** "in Neckarau", but "im Jungbusch", "auf dem Lindenhof": the local preposition of a district. */
const LOCATIVES: Readonly<Record<string, string>> = {
  innenstadt: 'in der Innenstadt',
  jungbusch: 'im Jungbusch',
  lindenhof: 'auf dem Lindenhof',
  herzogenried: 'im Herzogenried',
  wohlgelegen: 'im Wohlgelegen',
  franklin: 'auf Franklin',
  speckweggebiet: 'im Speckweggebiet',
  niederfeld: 'im Niederfeld',
  almenhof: 'auf dem Almenhof',
  casterfeld: 'im Casterfeld',
  pfingstberg: 'auf dem Pfingstberg',
  sonnenschein: 'auf dem Sonnenschein',
  luzenberg: 'auf dem Luzenberg',
  gartenstadt: 'in der Gartenstadt',
  hochstaett: 'auf der Hochstätt',
  vogelstang: 'auf der Vogelstang',
  oststadt: 'in der Oststadt',
  schwetzingerstadt: 'in der Schwetzingerstadt',
  neckarstadt_west: 'in der Neckarstadt-West',
  neckarstadt_ost: 'in der Neckarstadt-Ost',
  neckarstadt_nordost: 'in der Neckarstadt-Nordost',
};

/** Where in the city, as German prose ("in Neckarau", "im Jungbusch"). */
export function locative(district: District): string {
  return LOCATIVES[district.key] ?? `in ${district.name}`;
}

/** What a partner stands up for, per dimension (accusative, after "für"). */
export const DIMENSION_CAUSES: Readonly<Record<string, string>> = {
  age: 'ein gutes Miteinander der Generationen',
  ethnic_origin: 'Menschen mit Einwanderungsgeschichte',
  gender: 'Geschlechtergerechtigkeit',
  abilities: 'die Inklusion von Menschen mit Behinderung',
  religion: 'den Dialog der Religionen und Weltanschauungen',
  sexual_orientation: 'die Akzeptanz queerer Lebensweisen',
  social_origin: 'Chancengleichheit unabhängig von der sozialen Herkunft',
};

/**
 * How an organisation of a kind speaks of itself when its name gives nothing more specific
 * ("Wir sind ein gemeinnütziger Verein").
 */
export const KIND_SELF: Readonly<Record<PartnerKind, NounPhrase>> = {
  ASSOCIATION: { adjective: 'gemeinnützig', noun: 'Verein', gender: 'm' },
  MIGRANT_ORGANISATION: { noun: 'Migrantenselbstorganisation', gender: 'f' },
  RELIGIOUS_COMMUNITY: { noun: 'Religionsgemeinschaft', gender: 'f' },
  EDUCATION: { noun: 'Bildungseinrichtung', gender: 'f' },
  SOCIAL_SERVICE: { adjective: 'sozial', noun: 'Träger', gender: 'm' },
  CULTURE: { noun: 'Kultureinrichtung', gender: 'f' },
  SPORTS_CLUB: { noun: 'Sportverein', gender: 'm' },
  YOUTH_ORGANISATION: { noun: 'Jugendorganisation', gender: 'f' },
  COMPANY: { noun: 'Unternehmen', gender: 'n' },
  CHAMBER_OR_UNION: { noun: 'Interessenvertretung', gender: 'f', tail: 'der Arbeitswelt' },
  PARTY_OR_FACTION: { adjective: 'politisch', noun: 'Gruppierung', gender: 'f' },
  PUBLIC_AUTHORITY: { noun: 'Dienststelle', gender: 'f', tail: 'der Stadtverwaltung' },
  FOUNDATION: { noun: 'Stiftung', gender: 'f' },
  INITIATIVE: { noun: 'Bürgerinitiative', gender: 'f' },
};

/**
 * The topics as noun phrases for prose ("interreligiöser Dialog", "Jugendarbeit"): the
 * reference data's labels ("Interreligiöser Dialog", "Jugend") are headings, not phrases that
 * decline after "verbinden wir" or "in".
 */
export const TOPIC_PHRASES: Readonly<Record<string, NounPhrase>> = {
  education: { noun: 'Bildungsarbeit', gender: 'f' },
  culture: { noun: 'Kulturarbeit', gender: 'f' },
  sport: { noun: 'Sport', gender: 'm' },
  work: { adjective: 'beruflich', noun: 'Integration', gender: 'f' },
  youth: { noun: 'Jugendarbeit', gender: 'f' },
  seniors: { noun: 'Seniorenarbeit', gender: 'f' },
  health: { noun: 'Gesundheitsförderung', gender: 'f' },
  housing: { adjective: 'nachbarschaftlich', noun: 'Miteinander', gender: 'n' },
  politics_participation: { adjective: 'politisch', noun: 'Teilhabe', gender: 'f' },
  religion_dialogue: { adjective: 'interreligiös', noun: 'Dialog', gender: 'm' },
  antidiscrimination: { noun: 'Antidiskriminierungsarbeit', gender: 'f' },
  family: { noun: 'Familienbildung', gender: 'f' },
  language: { noun: 'Sprachförderung', gender: 'f' },
  media: { noun: 'Medienarbeit', gender: 'f' },
};

/** A topic as a noun phrase; a topic without an entry is named by its label ("Bereich Kultur"). */
export function topicPhrase(topic: Topic): NounPhrase {
  return TOPIC_PHRASES[topic.key] ?? { noun: 'Bereich', gender: 'm', tail: topic.nameDe };
}

/** "im interreligiösen Dialog", "in der Jugendarbeit": in + dative with the definite article. */
export function inDative(phrase: NounPhrase): string {
  const declined = decline(phrase, 'dat', 'def');
  // in + dem contracts to "im".
  return phrase.gender === 'm' || phrase.gender === 'n'
    ? `im ${declined.slice('dem '.length)}`
    : `in ${declined}`;
}

/** "unser gemeinnütziger Verein", "unsere Moscheegemeinde": the possessive, declined like "ein". */
export function ours(phrase: NounPhrase): string {
  const withArticle = decline(phrase, 'nom', 'indef');
  return phrase.gender === 'pl'
    ? `unsere ${withArticle}`
    : `unser${withArticle.slice('ein'.length)}`;
}

/** What a sentence plan is filled with. */
export interface DescriptionSlots {
  /** How the organisation speaks of itself. */
  self: NounPhrase;
  /** Where ("im Jungbusch"). */
  where: string;
  /** One to three topics. */
  topics: readonly NounPhrase[];
  /** What it stands up for, accusative ("Geschlechtergerechtigkeit und …"). */
  causes: string;
}

/**
 * One way to say what a partner does. `forms` names the case and article each slot is declined
 * in, so that test/unit/demo-grammar.test.ts can check every plan with every noun against a
 * grammar table of its own.
 */
export interface SentencePlan {
  id: string;
  forms: {
    self?: 'nom-indef' | 'nom-none' | 'nom-ours';
    topics: 'acc-none' | 'acc-def' | 'in-dat';
  };
  write: (s: DescriptionSlots) => string;
}

const accusativeTopics = (s: DescriptionSlots, article: 'none' | 'def') =>
  joinDe(s.topics.map((t) => decline(t, 'acc', article)));
const inTopics = (s: DescriptionSlots) => joinDe(s.topics.map(inDative));

/** The sentence plans of the descriptions, drawn uniformly. */
export const SENTENCE_PLANS: readonly SentencePlan[] = [
  {
    id: 'wir-sind',
    forms: { self: 'nom-indef', topics: 'in-dat' },
    write: (s) =>
      `Wir sind ${decline(s.self, 'nom', 'indef')} ${s.where} und setzen uns ${inTopics(s)} für ${s.causes} ein.`,
  },
  {
    id: 'als-verbinden',
    forms: { self: 'nom-none', topics: 'acc-none' },
    write: (s) =>
      `Als ${decline(s.self, 'nom', 'none')} ${s.where} verbinden wir ${accusativeTopics(s, 'none')} mit dem Einsatz für ${s.causes}.`,
  },
  {
    id: 'engagieren',
    forms: { topics: 'in-dat' },
    write: (s) => `Wir engagieren uns ${s.where} für ${s.causes}, vor allem ${inTopics(s)}.`,
  },
  {
    id: 'raum-fuer',
    forms: { topics: 'acc-none' },
    write: (s) =>
      `${capitalise(s.where)} bieten wir Raum für ${accusativeTopics(s, 'none')}; dabei treten wir für ${s.causes} ein.`,
  },
  {
    id: 'dreht-sich',
    forms: { self: 'nom-none', topics: 'acc-def' },
    write: (s) =>
      `Bei uns dreht sich vieles um ${accusativeTopics(s, 'def')}. ${capitalise(s.where)} treten wir als ${decline(s.self, 'nom', 'none')} für ${s.causes} ein.`,
  },
  {
    id: 'unser',
    forms: { self: 'nom-ours', topics: 'in-dat' },
    write: (s) =>
      `${capitalise(ours(s.self))} ${s.where} setzt sich ${inTopics(s)} für ${s.causes} ein.`,
  },
];

/** What organisations of a kind do for a dimension, in one sentence each. */
const KIND_DETAILS: Partial<Record<PartnerKind, Readonly<Record<string, readonly string[]>>>> = {
  COMPANY: {
    social_origin: [
      'Jedes Jahr bilden wir junge Menschen aus – auch ohne Schulabschluss, mit Nachhilfe und Ausbildungspatenschaften.',
      'Unsere Ausbildungsplätze vergeben wir bewusst auch an Jugendliche aus Familien ohne Hochschulerfahrung.',
    ],
    gender: ['Wir gewinnen Frauen für technische Berufe und bieten Ausbildung in Teilzeit an.'],
    ethnic_origin: [
      'Geflüchtete und Zugewanderte finden bei uns Praktika, Ausbildungsplätze und Sprachkurse im Betrieb.',
    ],
    age: ['Bei uns arbeiten Auszubildende und erfahrene Fachkräfte in Tandems zusammen.'],
    abilities: [
      'Wir schaffen barrierefreie Arbeitsplätze und beschäftigen Menschen mit Behinderung.',
    ],
    religion: [
      'Wir nehmen Rücksicht auf religiöse Feiertage und haben einen Raum der Stille eingerichtet.',
    ],
    sexual_orientation: [
      'Unser Netzwerk queerer Mitarbeitender macht sich für ein offenes Arbeitsklima stark.',
    ],
  },
  SPORTS_CLUB: {
    age: ['Vom Kinderturnen bis zum Seniorensport trainieren bei uns alle Generationen.'],
    abilities: [
      'In unseren inklusiven Gruppen trainieren Menschen mit und ohne Behinderung gemeinsam.',
    ],
    gender: ['Unsere Mädchen- und Frauenteams wachsen jedes Jahr.'],
    ethnic_origin: ['In unseren Mannschaften spielen Menschen aus über zwanzig Nationen.'],
    social_origin: [
      'Der Beitrag soll niemanden ausschließen: Unser Sozialfonds hilft, wo das Geld knapp ist.',
    ],
    religion: ['Beim Training achten wir auf Gebets- und Fastenzeiten.'],
    sexual_orientation: [
      'Queere Sportlerinnen und Sportler sind bei uns selbstverständlich dabei.',
    ],
  },
  RELIGIOUS_COMMUNITY: {
    religion: [
      'Wir laden regelmäßig zu Begegnungen mit anderen Gemeinden ein.',
      'Beim Tag der offenen Tür stehen unsere Räume allen offen.',
    ],
    ethnic_origin: [
      'Viele unserer Mitglieder sind selbst eingewandert; wir helfen Neuankommenden beim Ankommen.',
    ],
    age: ['Von der Krabbelgruppe bis zum Seniorenkreis ist bei uns jede Generation vertreten.'],
    gender: ['Unser Frauenkreis lädt zu Gesprächsabenden und Beratung ein.'],
    social_origin: ['Mit Kleiderkammer und Mittagstisch unterstützen wir Menschen in Not.'],
    abilities: [
      'Unsere Räume sind barrierefrei, und wir bieten Veranstaltungen in Gebärdensprache an.',
    ],
    sexual_orientation: [
      'Queere Menschen sind bei uns willkommen; wir laden zu offenen Gesprächsabenden ein.',
    ],
  },
  CULTURE: {
    ethnic_origin: [
      'Auf unserer Bühne stehen Künstlerinnen und Künstler mit Wurzeln in vielen Ländern.',
    ],
    abilities: [
      'Unsere Veranstaltungen sind barrierefrei, mit Audiodeskription und Gebärdensprache.',
    ],
    sexual_orientation: [
      'Queere Künstlerinnen und Künstler und ihr Publikum finden bei uns eine Bühne.',
    ],
    gender: ['Wir fördern Künstlerinnen und achten auf gleiche Gagen.'],
    age: ['Kinder, Jugendliche und Ältere machen bei uns gemeinsam Kultur.'],
    social_origin: ['Unsere Kurse kosten so viel, wie man geben kann.'],
    religion: ['Musik aus vielen religiösen Traditionen gehört zu unserem Programm.'],
  },
};

/** What any organisation does for a dimension, when its kind has nothing more specific. */
const DIMENSION_DETAILS: Readonly<Record<string, readonly string[]>> = {
  age: ['Jung und Alt kommen bei uns zusammen.'],
  ethnic_origin: ['Wir beraten und begleiten Menschen in mehreren Sprachen.'],
  gender: ['Frauen und Mädchen stärken wir mit eigenen Angeboten.'],
  abilities: ['Unsere Angebote sind barrierefrei.'],
  religion: ['Der Austausch mit den Religionsgemeinschaften im Stadtteil ist uns wichtig.'],
  sexual_orientation: [
    'Lesbische, schwule, bisexuelle, trans* und queere Menschen sind bei uns sichtbar und willkommen.',
  ],
  social_origin: ['Unsere Angebote sind kostenlos, damit alle teilnehmen können.'],
};

/** The detail sentences a kind can say about a dimension (for the tests as well). */
export function detailSentences(kind: PartnerKind, dimension: string): readonly string[] {
  return KIND_DETAILS[kind]?.[dimension] ?? DIMENSION_DETAILS[dimension] ?? [];
}

/** What the description of a partner is made of. */
export interface DescriptionInput {
  kind: PartnerKind;
  /** How it speaks of itself (from its name); the kind's word when absent. */
  self?: NounPhrase;
  district: District;
  topics: readonly Topic[];
  dimensions: readonly Dimension[];
}

function cause(dimension: Dimension): string {
  return DIMENSION_CAUSES[dimension.key] ?? `die Vielfaltsdimension „${dimension.nameDe}“`;
}

/**
 * A German description of a partner: one of the {@link SENTENCE_PLANS} filled with its self-
 * designation, place, topics and causes (two dimensions at most), and mostly a second sentence on
 * what an organisation of its kind does for one of its dimensions (a company in social origin
 * trains young people without a school certificate).
 */
export function describePartner(rng: Rng, input: DescriptionInput): string {
  const slots: DescriptionSlots = {
    self: input.self ?? KIND_SELF[input.kind],
    where: locative(input.district),
    topics: input.topics.map(topicPhrase),
    causes: joinDe(input.dimensions.slice(0, 2).map(cause)),
  };
  const main = rng.pick(SENTENCE_PLANS).write(slots);
  const dimension = input.dimensions.length > 0 ? rng.pick(input.dimensions) : undefined;
  const details = dimension ? detailSentences(input.kind, dimension.key) : [];
  return details.length > 0 && rng.chance(0.75) ? `${main} ${rng.pick(details)}` : main;
}

/** Short German mottos per dimension, for cooperation titles. */
const MOTTOS: Readonly<Record<string, readonly string[]>> = {
  age: ['Jung und Alt', 'Generationen im Gespräch', 'Von Oma bis Enkelin'],
  ethnic_origin: [
    'Viele Wurzeln, eine Stadt',
    'Mannheim spricht viele Sprachen',
    'Heimat im Quadrat',
  ],
  gender: ['Gleich berechtigt', 'Frauen stärken', 'Rollenbilder hinterfragen'],
  abilities: ['Barrierefrei dabei', 'Inklusion erleben', 'Alle können mitmachen'],
  religion: ['Glauben im Dialog', 'Tür an Tür', 'Was uns heilig ist'],
  sexual_orientation: ['Liebe ist vielfältig', 'Regenbogen im Quartier', 'Queer im Alltag'],
  social_origin: ['Chancen für alle', 'Bildung öffnet Türen', 'Gemeinsam statt einsam'],
};

const GENERAL_MOTTOS = ['Vielfalt leben', 'Miteinander reden', 'Gemeinsam aktiv'];

const COOPERATION_FORMATS = [
  'Workshopreihe',
  'Begegnungscafé',
  'Erzählcafé',
  'Fotoprojekt',
  'Theaterprojekt',
  'Stadtteilspaziergang',
  'Dialogreihe',
  'Mentoringprogramm',
  'Ausstellung',
  'Podcastreihe',
  'Fortbildungsreihe',
  'Sportfest',
  'Kochprojekt',
  'Filmreihe',
  'Lesereihe',
  'Schreibwerkstatt',
  'Kunstprojekt',
  'Dialogforum',
  'Radioprojekt',
  'Zukunftswerkstatt',
];

const NETWORK_FORMS = [
  'Netzwerkprojekt',
  'Fachnetzwerk',
  'Quartiersnetzwerk',
  'Verbundprojekt',
  'Kooperationsverbund',
];

function motto(rng: Rng, dimension: string | undefined): string {
  return rng.pick((dimension && MOTTOS[dimension]) || GENERAL_MOTTOS);
}

/** A German title for a diversity cooperation ("Erzählcafé „Jung und Alt“ im Jungbusch"). */
export function diversityTitle(
  rng: Rng,
  dimensions: readonly string[],
  district: District,
): string {
  const [first, second] = rng.shuffle(dimensions);
  const format = rng.pick(COOPERATION_FORMATS);
  switch (rng.int(0, 2)) {
    case 0:
      return `${format} „${motto(rng, first)}“ ${locative(district)}`;
    case 1:
      return `${format} „${motto(rng, first)}“`;
    default:
      return `${format} „${motto(rng, first)} – ${motto(rng, second)}“`;
  }
}

/** A German title for a network project ("Quartiersnetzwerk „Tür an Tür“ Käfertal"). */
export function networkTitle(rng: Rng, dimensions: readonly string[], district: District): string {
  const form = rng.pick(NETWORK_FORMS);
  const text = motto(rng, rng.shuffle(dimensions)[0]);
  return rng.chance(0.5) ? `${form} „${text}“` : `${form} „${text}“ ${district.borough}`;
}

/** Action-day formats with the dimension they suit (undefined: any). */
const ACTION_FORMATS: readonly (readonly [string, string | undefined])[] = [
  ['Interkulturelles Fußballturnier', 'ethnic_origin'],
  ['Märchenstunde in vielen Sprachen', 'ethnic_origin'],
  ['Interreligiöser Stadtspaziergang', 'religion'],
  ['Offenes Gebetshaus', 'religion'],
  ['Lesung in Leichter Sprache', 'abilities'],
  ['Inklusives Sportfest', 'abilities'],
  ['Generationen-Kochabend', 'age'],
  ['Spielenachmittag für Jung und Alt', 'age'],
  ['Queerer Filmabend', 'sexual_orientation'],
  ['Regenbogen-Café', 'sexual_orientation'],
  ['Frauenfrühstück', 'gender'],
  ['Workshop zu Rollenbildern', 'gender'],
  ['Diskussionsabend zu Chancengerechtigkeit', 'social_origin'],
  ['Kostenloses Repair-Café', 'social_origin'],
  ['Tag der offenen Tür', undefined],
  ['Nachbarschaftsfest', undefined],
  ['Mitmach-Konzert', undefined],
  ['Workshop gegen Stammtischparolen', undefined],
  ['Fotoausstellung', undefined],
  ['Stadtteilrundgang', undefined],
  ['Theaterabend', undefined],
  ['Tanzworkshop', undefined],
];

/** A German title for an event of the action days ("Inklusives Sportfest in Neckarau"). */
export function actionDayTitle(
  rng: Rng,
  dimensions: readonly string[],
  district: District,
): string {
  const fitting = ACTION_FORMATS.filter(([, d]) => d === undefined || dimensions.includes(d));
  return `${rng.pick(fitting)[0]} ${locative(district)}`;
}

const TRAININGS = [
  'Diversitätskompetenz in der Vereinsarbeit',
  'Antidiskriminierung im Alltag',
  'Texte in Leichter Sprache',
  'Rassismuskritische Öffentlichkeitsarbeit',
  'Interkulturelle Öffnung von Organisationen',
  'Fördermittel richtig beantragen',
  'Barrierefreie Veranstaltungen planen',
  'Geschlechtergerechte Sprache',
  'Umgang mit Stammtischparolen',
  'Queersensible Jugendarbeit',
  'Religionssensible Bildungsarbeit',
  'Partizipation von Menschen mit Migrationsgeschichte',
];

/** "einander.Qualifizierung: …": the title of a training. */
export function trainingTitle(rng: Rng): string {
  return `einander.Qualifizierung: ${rng.pick(TRAININGS)}`;
}

const SEASONS_DE = { spring: 'Frühjahr', summer: 'Sommer', winter: 'Winter' } as const;

/** "Bündnistreffen Frühjahr 2019" (numbered when a season has several meetings). */
export function meetingTitle(
  season: keyof typeof SEASONS_DE,
  year: number,
  number: number | null,
): string {
  const base = `Bündnistreffen ${SEASONS_DE[season]} ${year}`;
  return number === null ? base : `${base} (${number})`;
}
