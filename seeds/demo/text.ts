import type { Dimension } from '../../src/dimensions/dimension.types';
import type { District } from '../../src/districts/district.types';
import type { Topic } from '../../src/topics/topic.types';
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
const DIMENSION_CAUSES: Readonly<Record<string, string>> = {
  age: 'ein gutes Miteinander der Generationen',
  ethnic_origin: 'Menschen mit Einwanderungsgeschichte',
  gender: 'Geschlechtergerechtigkeit',
  abilities: 'die Inklusion von Menschen mit Behinderung',
  religion: 'den Dialog der Religionen und Weltanschauungen',
  sexual_orientation: 'die Akzeptanz queerer Lebensweisen',
  social_origin: 'Chancengleichheit unabhängig von der sozialen Herkunft',
};

/** The kind of organisation without article ("Sportverein"). */
const KIND_NOUNS: Record<PartnerKind, string> = {
  ASSOCIATION: 'gemeinnütziger Verein',
  MIGRANT_ORGANISATION: 'Migrantenselbstorganisation',
  RELIGIOUS_COMMUNITY: 'Religionsgemeinschaft',
  EDUCATION: 'Bildungseinrichtung',
  SOCIAL_SERVICE: 'sozialer Träger',
  CULTURE: 'Kultureinrichtung',
  SPORTS_CLUB: 'Sportverein',
  YOUTH_ORGANISATION: 'Jugendorganisation',
  COMPANY: 'Unternehmen',
  CHAMBER_OR_UNION: 'Interessenvertretung der Arbeitswelt',
  PARTY_OR_FACTION: 'politische Gruppierung',
  PUBLIC_AUTHORITY: 'Dienststelle der Stadtverwaltung',
  FOUNDATION: 'Stiftung',
  INITIATIVE: 'Bürgerinitiative',
};

/** "A, B und C"; "A sowie B und C" when an item has an "und" of its own. */
export function joinDe(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items.some((item) => item.includes(' und ')) ? 'sowie' : 'und';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

function cause(dimension: Dimension): string {
  return DIMENSION_CAUSES[dimension.key] ?? `die Vielfaltsdimension „${dimension.nameDe}“`;
}

function topicProse(topics: readonly Topic[]): string {
  return joinDe(topics.map((t) => t.nameDe.replace(' & ', ' und ')));
}

/** What the description of a partner is made of. */
export interface DescriptionInput {
  kind: PartnerKind;
  district: District;
  topics: readonly Topic[];
  dimensions: readonly Dimension[];
}

/** One German sentence describing a partner from its kind, place, topics and dimensions. */
export function describePartner(rng: Rng, input: DescriptionInput): string {
  const where = locative(input.district);
  const causes = joinDe(input.dimensions.slice(0, 2).map(cause));
  const topics = topicProse(input.topics);
  const field = input.topics.length > 1 ? `in den Bereichen ${topics}` : `im Bereich ${topics}`;
  switch (rng.int(0, 2)) {
    case 0:
      return `Wir sind ein${article(input.kind)} ${KIND_NOUNS[input.kind]} ${where} und setzen uns ${field} für ${causes} ein.`;
    case 1:
      return `Als ${KIND_NOUNS[input.kind]} ${where} verbinden wir ${topics} mit dem Einsatz für ${causes}.`;
    default:
      return `Wir engagieren uns ${where} für ${causes}, vor allem ${field}.`;
  }
}

/** The ending of the indefinite article for the kind noun ("ein Verein", "eine Stiftung"). */
function article(kind: PartnerKind): string {
  const noun = KIND_NOUNS[kind];
  return noun.endsWith('Verein') || noun.endsWith('Träger') || noun === 'Unternehmen' ? '' : 'e';
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
