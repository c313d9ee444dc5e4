import type { District } from '../../src/districts/district.types';
import { declineAdjective, type NounPhrase } from './grammar';
import type { Rng } from './rng';
import type { PartnerKind } from './types';
import * as w from './words';

/**
 * Names written from a partner's profile. The profile (kind, district, dimensions, topics) is
 * drawn first; the name then says what the organisation is and never suggests a dimension it does
 * not engage in: a sports club engaged in religion is a church sports community, not "FC
 * Neckarau"; a culture club engaged only in sexual orientation is a queer choir, not a jazz club.
 * docs/demo-data.md#names describes the rules; test/unit/demo-generator.test.ts checks them.
 */

/** What a name is written from. */
export interface NamingInput {
  kind: PartnerKind;
  district: District;
  /** The dimensions the partner engages in. */
  dimensions: readonly string[];
  /** Moved to the city centre as a city-wide body by the profile drafting (a council faction). */
  central: boolean;
  /** A public school or day-care centre (EDUCATION of the administration). */
  publicSector: boolean;
}

/** A written name and what the descriptions need to know about it. */
export interface OrganisationName {
  name: string;
  /** How the organisation speaks of itself ("muslimische Moscheegemeinde", "Sportverein"). */
  self: NounPhrase;
  /** Dimensions the name suggests: always a subset of the partner's. */
  suggests: readonly string[];
  /** A city-wide body by its name ("… Mannheim"): its scope is CITY. */
  cityWide: boolean;
}

/** What a name template gets: randomness and the place. */
interface NameContext {
  rng: Rng;
  /** The district's name ("Neckarau"). */
  place: string;
  year: () => string;
}

/**
 * One way to name an organisation of a kind. `suggests`: dimensions the name states (must all
 * be engaged in); `fits`: further dimensions that are believable for such an organisation
 * without being in its name (a football club works on age and origin). A partner may take the
 * candidate when the name suggests nothing it lacks and everything it engages in is suggested or
 * fits. `once`: a body a city has only one of; `city`: named after the city, scope CITY.
 */
export interface NameCandidate {
  suggests: readonly string[];
  fits: readonly string[];
  self: NounPhrase;
  name: (ctx: NameContext) => string;
  city?: boolean;
  /** Sits in city hall (a council faction, a department): only for partners the drafting moved there. */
  centre?: boolean;
  once?: boolean;
  weight?: number;
}

const ALL = [
  'age',
  'ethnic_origin',
  'gender',
  'abilities',
  'religion',
  'sexual_orientation',
  'social_origin',
];
const PEOPLE = ['age', 'ethnic_origin', 'gender', 'abilities', 'social_origin'];
const np = (noun: string, gender: NounPhrase['gender'], adjective?: string): NounPhrase =>
  adjective ? { noun, gender, adjective } : { noun, gender };

/** An origin adjective declined for a noun in a name ("Deutsch-Türkischer Kulturverein"). */
const origin = (ctx: NameContext, gender: 'm' | 'f' | 'n') =>
  declineAdjective(ctx.rng.pick(w.ORIGIN_STEMS), gender, 'nom', 'none');

/**
 * How an organisation named with a listed word speaks of itself: a leading adjective becomes an
 * adjective of the phrase ("Queerer Sportverein" → "queer" + "Sportverein", so that it declines),
 * a site suffix goes ("Jobcenter – Standort" → "Jobcenter").
 */
export function selfOf(word: string, gender: 'm' | 'f' | 'n'): NounPhrase {
  const base = word.split(' – ')[0] ?? word;
  const [first, noun, ...rest] = base.split(' ');
  const ending = { m: 'er', f: 'e', n: 'es' }[gender];
  if (first && noun && rest.length === 0 && /^\p{Lu}/u.test(noun) && first.endsWith(ending)) {
    return { adjective: first.slice(0, -ending.length).toLowerCase(), noun, gender };
  }
  return { noun: base, gender };
}

const candidate = (
  suggests: readonly string[],
  fits: readonly string[],
  self: NounPhrase,
  name: (ctx: NameContext) => string,
  extra: Partial<Pick<NameCandidate, 'city' | 'centre' | 'once' | 'weight'>> = {},
): NameCandidate => ({ suggests, fits, self, name, ...extra });

/**
 * Religious traditions present in Mannheim, each a name template and how the community speaks of
 * itself. Communities with a history of migration suggest ethnic origin as well. All names are
 * invented.
 */
export const RELIGIOUS_TRADITIONS: readonly (NameCandidate & { tradition: string })[] = [
  {
    tradition: 'katholisch',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Pfarrgemeinde', 'f', 'katholisch'),
      (c) => `Katholische Pfarrgemeinde St. ${c.rng.pick(w.SAINTS)} ${c.place}`,
      { weight: 4 },
    ),
  },
  {
    tradition: 'evangelisch',
    ...candidate(
      ['religion'],
      [...PEOPLE, 'sexual_orientation'],
      np('Kirchengemeinde', 'f', 'evangelisch'),
      (c) => `Evangelische ${c.rng.pick(w.PARISHES)}gemeinde ${c.place}`,
      { weight: 4 },
    ),
  },
  {
    tradition: 'muslimisch (türkisch)',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Moscheegemeinde', 'f', 'muslimisch'),
      (c) => `Türkisch-Islamische Gemeinde zur ${c.rng.pick(w.MOSQUES)}-Moschee ${c.place} e.V.`,
      { weight: 3 },
    ),
  },
  {
    tradition: 'jüdisch',
    ...candidate(
      ['religion'],
      [...PEOPLE],
      np('Gemeinde', 'f', 'jüdisch'),
      () => 'Jüdische Kultusgemeinde an Rhein und Neckar',
      { city: true, once: true },
    ),
  },
  {
    tradition: 'alevitisch',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Gemeinde', 'f', 'alevitisch'),
      (c) => `Alevitische Gemeinde Cem-Haus ${c.place} e.V.`,
    ),
  },
  {
    tradition: 'muslimisch (bosnisch)',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Moscheegemeinde', 'f', 'bosniakisch'),
      (c) => `Bosniakische Islamische Gemeinde ${c.place} e.V.`,
    ),
  },
  {
    tradition: 'muslimisch (arabischsprachig)',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Moscheeverein', 'm', 'arabischsprachig'),
      (c) => `Moscheeverein ${c.rng.pick(w.MOSQUES_ARABIC)} ${c.place} e.V.`,
    ),
  },
  {
    tradition: 'griechisch-orthodox',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Kirchengemeinde', 'f', 'orthodox'),
      (c) => `Griechisch-Orthodoxe Gemeinde ${c.rng.pick(w.ORTHODOX_PATRONS)} ${c.place}`,
    ),
  },
  {
    tradition: 'rumänisch-orthodox',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Kirchengemeinde', 'f', 'orthodox'),
      (c) => `Rumänisch-Orthodoxe Gemeinde ${c.rng.pick(w.ORTHODOX_PATRONS)} ${c.place}`,
    ),
  },
  {
    tradition: 'russisch-orthodox',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Kirchengemeinde', 'f', 'orthodox'),
      (c) => `Russisch-Orthodoxe Gemeinde ${c.rng.pick(w.ORTHODOX_PATRONS)} ${c.place}`,
    ),
  },
  {
    tradition: 'syrisch-orthodox',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Kirchengemeinde', 'f', 'aramäisch'),
      (c) =>
        `Syrisch-Orthodoxe Gemeinde Mor ${c.rng.pick(['Gabriel', 'Jakob', 'Ephrem', 'Afrem'])} ${c.place}`,
    ),
  },
  {
    tradition: 'koptisch',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Kirchengemeinde', 'f', 'koptisch'),
      (c) => `Koptisch-Orthodoxe Gemeinde St. Markus ${c.place}`,
      { once: true },
    ),
  },
  {
    tradition: 'katholisch (muttersprachlich)',
    ...candidate(
      ['religion', 'ethnic_origin'],
      PEOPLE,
      np('Gemeinde', 'f', 'muttersprachlich'),
      (c) =>
        `${c.rng.pick(['Italienische', 'Polnische', 'Kroatische', 'Portugiesische', 'Vietnamesische'])} Katholische Gemeinde ${c.place}`,
    ),
  },
  {
    tradition: 'evangelisch-freikirchlich',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Freikirche', 'f', 'evangelisch'),
      (c) => `Evangelisch-Freikirchliche Gemeinde ${c.place}`,
      { once: true },
    ),
  },
  {
    tradition: 'neuapostolisch',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Kirchengemeinde', 'f', 'neuapostolisch'),
      (c) => `Neuapostolische Kirche – Gemeinde ${c.place}`,
      { once: true },
    ),
  },
  {
    tradition: 'ahmadiyya',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Gemeinde', 'f', 'muslimisch'),
      (c) => `Ahmadiyya-Gemeinde ${c.place}`,
      { once: true },
    ),
  },
  {
    tradition: 'ezidisch',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Gemeinde', 'f', 'ezidisch'),
      (c) => `Ezidische Gemeinde ${c.place} e.V.`,
      { once: true },
    ),
  },
  {
    tradition: 'hinduistisch',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Tempelgemeinde', 'f', 'hinduistisch'),
      (c) => `Hindu-Tempelverein Sri Kamadchi ${c.place} e.V.`,
      { once: true },
    ),
  },
  {
    tradition: 'sikh',
    ...candidate(
      ['religion'],
      PEOPLE,
      np('Gemeinde', 'f'),
      (c) => `Sikh-Gemeinde Gurdwara ${c.place} e.V.`,
      { once: true },
    ),
  },
  {
    tradition: 'buddhistisch',
    ...candidate(
      ['religion'],
      [...PEOPLE],
      np('Gemeinschaft', 'f', 'buddhistisch'),
      (c) => `Buddhistisches Zentrum ${c.place} e.V.`,
      { once: true },
    ),
  },
  {
    tradition: 'bahai',
    ...candidate(['religion'], PEOPLE, np('Gemeinde', 'f'), () => 'Bahá’í-Gemeinde Mannheim', {
      city: true,
      once: true,
    }),
  },
  {
    tradition: 'humanistisch',
    ...candidate(
      ['religion'],
      [...PEOPLE, 'sexual_orientation'],
      np('Weltanschauungsgemeinschaft', 'f', 'humanistisch'),
      () => 'Freireligiöse Gemeinde Mannheim',
      { city: true, once: true },
    ),
  },
];

/**
 * Day-care names without "Regenbogen" (it would read as a queer kindergarten) and welfare
 * carriers without the ecumenical one (it would suggest religion; it has a candidate of its own).
 */
const KITA_NAMES = w.KITA_NAMES.filter((name) => name !== 'Regenbogen');
const ECUMENICAL_CARRIER = 'Ökumenischer Hilfsverbund';
const CARRIERS = w.WELFARE_CARRIERS.filter(
  (name) => name !== ECUMENICAL_CARRIER && !name.includes('Jugend'),
);
const SHOPS = [...w.SHOPS, 'Übersetzungsbüro', 'Änderungsschneiderei'];

/** The local name part, or the city for a city-wide body. */
const at = (c: NameContext) => c.place;

const NAMES: Record<Exclude<PartnerKind, 'RELIGIOUS_COMMUNITY'>, readonly NameCandidate[]> = {
  ASSOCIATION: [
    candidate(
      [],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Bürgerverein', 'm'),
      (c) => `Bürgerverein ${at(c)} e.V.`,
    ),
    candidate(
      [],
      ['age', 'social_origin', 'ethnic_origin', 'abilities'],
      np('Nachbarschaftsverein', 'm'),
      (c) => `Nachbarschaftsverein ${at(c)} e.V.`,
    ),
    candidate(
      [],
      ['age', 'social_origin'],
      np('Förderverein', 'm'),
      (c) => `Förderverein Stadtteilleben ${at(c)} e.V.`,
    ),
    candidate(
      ['gender'],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Frauenverein', 'm'),
      (c) => `Frauenverein ${at(c)} e.V.`,
    ),
    candidate(
      ['gender'],
      ['ethnic_origin', 'social_origin'],
      np('Frauennetzwerk', 'n'),
      (c) => `Frauennetzwerk ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'abilities'],
      np('Seniorenverein', 'm'),
      (c) => `Seniorenverein ${at(c)} e.V.`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'ethnic_origin', 'gender'],
      np('Generationenverein', 'm'),
      (c) => `Verein Jung und Alt ${at(c)} e.V.`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'gender', 'ethnic_origin'],
      np('Elternverein', 'm'),
      (c) => `Elternverein ${at(c)} e.V.`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'abilities'],
      np('Besuchsdienst', 'm'),
      (c) => `Besuchsdienst für Ältere ${at(c)} e.V.`,
    ),
    candidate(
      ['abilities'],
      ['age', 'social_origin'],
      np('Selbsthilfeverein', 'm'),
      (c) => `Selbsthilfeverein Psychische Gesundheit ${at(c)} e.V.`,
    ),
    candidate(
      ['abilities'],
      ['age', 'social_origin', 'gender'],
      np('Verein', 'm'),
      (c) => `Verein Barrierefrei leben ${at(c)} e.V.`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age', 'social_origin'],
      np('Verein', 'm', 'queer'),
      (c) => `Queerer Stammtisch ${at(c)} e.V.`,
    ),
    candidate(
      ['gender', 'sexual_orientation'],
      ['age', 'social_origin'],
      np('Selbsthilfegruppe', 'f'),
      (c) => `Trans*- und Inter*-Selbsthilfe ${at(c)}`,
    ),
    candidate(
      ['abilities'],
      ['age'],
      np('Gehörlosenverein', 'm'),
      () => 'Gehörlosenverein Mannheim e.V.',
      {
        city: true,
        once: true,
      },
    ),
    candidate(
      ['abilities'],
      ['age', 'social_origin'],
      np('Selbsthilfeverein', 'm'),
      (c) => `Blinden- und Sehbehindertenverein ${at(c)} e.V.`,
    ),
    candidate(
      ['abilities'],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Nachbarschaftsverein', 'm', 'inklusiv'),
      (c) => `Inklusiver Nachbarschaftsverein ${at(c)} e.V.`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age'],
      np('Verein', 'm', 'queer'),
      (c) => `Lesben- und Schwulenverein ${at(c)} e.V.`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age', 'social_origin'],
      np('Familienverein', 'm'),
      (c) => `Regenbogenfamilien ${at(c)} e.V.`,
    ),
    candidate(
      ['social_origin'],
      ['gender', 'age'],
      np('Selbsthilfeverein', 'm'),
      (c) => `Alleinerziehendenverein ${at(c)} e.V.`,
    ),
    candidate(
      ['social_origin'],
      ['age', 'ethnic_origin'],
      np('Nachbarschaftshilfe', 'f'),
      (c) => `Nachbarschaftshilfe ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin'],
      ['age', 'social_origin', 'gender'],
      np('Verein', 'm', 'interkulturell'),
      (c) => `Interkultureller Verein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin'],
      ['age', 'social_origin'],
      np('Freundeskreis', 'm'),
      (c) => `Freundeskreis Asyl ${at(c)}`,
    ),
    candidate(
      ['religion'],
      ['ethnic_origin'],
      np('Dialogverein', 'm', 'christlich-islamisch'),
      () => 'Christlich-Islamische Gesellschaft Mannheim e.V.',
      { city: true, once: true },
    ),
    candidate(
      ['religion'],
      ['ethnic_origin', 'age', 'gender'],
      np('Dialogkreis', 'm', 'interreligiös'),
      (c) => `Interreligiöser Gesprächskreis ${at(c)}`,
    ),
  ],
  MIGRANT_ORGANISATION: [
    candidate(
      ['ethnic_origin'],
      ['age', 'social_origin'],
      np('Kulturverein', 'm'),
      (c) => `${origin(c, 'm')} Kulturverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin'],
      ['age', 'social_origin', 'gender'],
      np('Begegnungszentrum', 'n'),
      (c) => `${origin(c, 'n')} Begegnungszentrum ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin'],
      ['social_origin', 'age'],
      np('Bildungsverein', 'm'),
      (c) => `${origin(c, 'm')} Bildungsverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin', 'gender'],
      ['age', 'social_origin'],
      np('Frauenverein', 'm'),
      (c) => `${origin(c, 'm')} Frauenverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin', 'age'],
      ['social_origin', 'gender'],
      np('Elternverein', 'm'),
      (c) => `${origin(c, 'm')} Elternverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin', 'age'],
      ['social_origin'],
      np('Seniorentreff', 'm'),
      (c) => `${origin(c, 'm')} Seniorentreff ${at(c)}`,
    ),
    candidate(
      ['ethnic_origin', 'abilities'],
      ['age'],
      np('Elterninitiative', 'f'),
      (c) => `${origin(c, 'f')} Elterninitiative für Kinder mit Behinderung ${at(c)}`,
    ),
    candidate(
      ['ethnic_origin', 'religion'],
      ['age', 'gender', 'social_origin'],
      np('Zentrum', 'n', 'islamisch'),
      (c) => `Islamisches Zentrum ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin', 'religion'],
      ['age', 'gender', 'social_origin'],
      np('Kulturverein', 'm', 'christlich-orientalisch'),
      (c) => `Aramäischer Kulturverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin', 'religion'],
      ['age', 'gender', 'social_origin'],
      np('Kulturverein', 'm', 'islamisch'),
      (c) => `Islamischer Kulturverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin', 'sexual_orientation'],
      ['gender', 'age'],
      np('Selbsthilfegruppe', 'f', 'queer'),
      () => 'Rainbow Refugees Rhein-Neckar e.V.',
      { city: true, once: true },
    ),
  ],
  EDUCATION: [
    candidate(
      ['age'],
      ['social_origin', 'ethnic_origin', 'gender'],
      np('Kita', 'f'),
      (c) => `Elterninitiative Kinderhaus ${c.rng.pick(KITA_NAMES)} ${at(c)} e.V.`,
    ),
    candidate(
      [],
      ['age', 'social_origin', 'abilities'],
      np('Schule', 'f', 'frei'),
      (c) => `Freie Waldorfschule ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['abilities', 'social_origin'],
      np('Schule', 'f', 'frei'),
      (c) => `Freie Montessori-Schule ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['gender', 'social_origin', 'ethnic_origin'],
      np('Familienbildungsstätte', 'f'),
      (c) => `Familienbildungsstätte ${at(c)}`,
    ),
    candidate(
      ['social_origin'],
      ['age', 'ethnic_origin'],
      np('Lernwerkstatt', 'f'),
      (c) => `Lernwerkstatt ${at(c)} e.V.`,
    ),
    candidate(
      ['social_origin'],
      ['age', 'ethnic_origin', 'abilities'],
      np('Hausaufgabenhilfe', 'f'),
      (c) => `Hausaufgabenhilfe ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin'],
      ['social_origin', 'age', 'gender'],
      np('Sprachschule', 'f'),
      (c) => `Sprachschule ${c.rng.pick(w.SURNAMES)} ${at(c)}`,
    ),
    candidate(
      ['ethnic_origin'],
      ['social_origin', 'age'],
      np('Sprachcafé', 'n'),
      (c) => `Sprachcafé ${at(c)}`,
    ),
    candidate(
      ['religion'],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Bildungswerk', 'n', 'evangelisch'),
      (c) => `Evangelisches Bildungswerk ${at(c)}`,
    ),
    candidate(
      ['religion', 'age'],
      ['social_origin', 'ethnic_origin'],
      np('Kita', 'f', 'katholisch'),
      (c) => `Katholische Kita St. ${c.rng.pick(w.SAINTS)} ${at(c)}`,
    ),
    candidate(
      ['abilities', 'age'],
      ['social_origin', 'ethnic_origin'],
      np('Kita', 'f', 'inklusiv'),
      (c) => `Inklusives Kinderhaus ${c.rng.pick(KITA_NAMES)} ${at(c)}`,
    ),
    candidate(
      ['gender'],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Bildungswerk', 'n'),
      (c) => `Mädchenbildungswerk ${at(c)}`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age'],
      np('Bildungsprojekt', 'n', 'queer'),
      () => 'Queeres Bildungsprojekt Rhein-Neckar e.V.',
      { city: true, once: true },
    ),
  ],
  SOCIAL_SERVICE: [
    ...w.SOCIAL_SERVICES.map((s) =>
      candidate(
        s.dimensions ?? [],
        PEOPLE.filter((d) => !(s.dimensions ?? []).includes(d)),
        selfOf(s.word, s.gender),
        (c) => `${s.word} ${at(c)}`,
      ),
    ),
    ...w.SOCIAL_SERVICES.map((s) =>
      candidate(
        s.dimensions ?? [],
        ['social_origin', 'age'],
        selfOf(s.word, s.gender),
        (c) => `${c.rng.pick(CARRIERS)} – ${s.word} ${at(c)}`,
      ),
    ),
    candidate(
      ['religion'],
      PEOPLE,
      np('Diakoniestation', 'f', 'evangelisch'),
      (c) => `Diakoniestation ${at(c)}`,
    ),
    candidate(
      ['religion', 'social_origin'],
      PEOPLE,
      np('Sozialdienst', 'm', 'katholisch'),
      (c) => `Katholischer Sozialdienst ${at(c)}`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age', 'abilities'],
      np('Beratungsstelle', 'f', 'queer'),
      () => 'Queere Beratungsstelle Mannheim',
      { city: true, once: true },
    ),
  ],
  CULTURE: [
    candidate(
      [],
      ['ethnic_origin', 'age', 'social_origin'],
      np('Kulturhaus', 'n'),
      (c) => `Kulturhaus ${at(c)}`,
    ),
    candidate(
      [],
      ['ethnic_origin', 'gender', 'social_origin'],
      np('Kunstverein', 'm'),
      (c) => `Kunstverein ${at(c)} e.V.`,
    ),
    candidate([], ['ethnic_origin', 'age'], np('Jazzclub', 'm'), (c) => `Jazzclub ${at(c)} e.V.`),
    candidate(
      [],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Musikschule', 'f'),
      (c) => `Musikschule ${at(c)}`,
    ),
    candidate(
      [],
      ['age', 'ethnic_origin', 'gender'],
      np('Filmclub', 'm'),
      (c) => `Filmclub ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['abilities', 'social_origin'],
      np('Figurentheater', 'n'),
      (c) => `Figurentheater ${at(c)}`,
    ),
    candidate(
      ['ethnic_origin'],
      ['age', 'social_origin', 'religion'],
      np('Chor', 'm', 'international'),
      (c) => `Internationaler Chor ${at(c)}`,
    ),
    candidate(
      ['ethnic_origin'],
      ['age', 'gender', 'social_origin'],
      np('Theater', 'n', 'interkulturell'),
      (c) => `Interkulturelles Theater ${at(c)}`,
    ),
    candidate(
      ['ethnic_origin'],
      ['age', 'social_origin'],
      np('Kulturbrücke', 'f'),
      (c) => `Kulturbrücke ${at(c)} e.V.`,
    ),
    candidate(
      ['abilities'],
      ['age', 'social_origin', 'ethnic_origin'],
      np('Tanzensemble', 'n', 'inklusiv'),
      (c) => `Inklusives Tanzensemble ${at(c)}`,
    ),
    candidate(
      ['abilities'],
      ['age', 'social_origin'],
      np('Theater', 'n', 'inklusiv'),
      (c) => `Theater ohne Barrieren ${at(c)}`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age', 'ethnic_origin'],
      np('Theater', 'n', 'queer'),
      (c) => `Theater Queerbeet ${at(c)}`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age'],
      np('Tanzgruppe', 'f', 'queer'),
      (c) => `Queer Tango ${at(c)} e.V.`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age'],
      np('Chor', 'm', 'queer'),
      (c) => `Queerer Chor ${at(c)}`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'ethnic_origin'],
      np('Filmfestival', 'n', 'queer'),
      () => 'Queeres Filmfest Mannheim e.V.',
      { city: true, once: true },
    ),
    candidate(
      ['gender'],
      ['age', 'ethnic_origin', 'sexual_orientation'],
      np('Kunstverein', 'm'),
      (c) => `Künstlerinnenforum ${at(c)} e.V.`,
    ),
    candidate(
      ['age'],
      ['ethnic_origin', 'social_origin', 'gender'],
      np('Bandprojekt', 'n'),
      (c) => `Junges Bandprojekt ${at(c)}`,
    ),
    candidate(
      ['religion'],
      ['age', 'ethnic_origin'],
      np('Chor', 'm'),
      (c) => `Gospelchor ${at(c)}`,
    ),
    candidate(
      ['religion', 'ethnic_origin'],
      ['age'],
      np('Ensemble', 'n'),
      (c) => `Klezmer-Ensemble ${at(c)}`,
    ),
  ],
  SPORTS_CLUB: [
    candidate(
      [],
      ['age', 'ethnic_origin', 'social_origin', 'gender'],
      np('Sportverein', 'm'),
      (c) => `TSV ${c.year()} ${at(c)}`,
    ),
    candidate(
      [],
      ['age', 'abilities', 'gender', 'social_origin'],
      np('Turnverein', 'm'),
      (c) => `Turnverein ${c.year()} ${at(c)} e.V.`,
    ),
    candidate(
      [],
      ['age', 'ethnic_origin', 'social_origin'],
      np('Fußballverein', 'm'),
      (c) => `FC ${at(c)} ${c.year()}`,
    ),
    ...w.SPORTS_CLUBS.map((s) =>
      candidate(
        s.dimensions ?? [],
        ['age', 'ethnic_origin', 'social_origin'],
        selfOf(s.word, s.gender),
        (c) => `${s.word} ${at(c)} ${c.year()} e.V.`,
      ),
    ),
    candidate(
      ['gender'],
      ['age', 'ethnic_origin'],
      np('Sportgruppe', 'f'),
      (c) => `Mädchen-Boxclub ${at(c)}`,
    ),
    candidate(
      ['abilities'],
      ['age', 'ethnic_origin', 'gender'],
      np('Sportverein', 'm'),
      (c) => `Blindenfußball ${at(c)} e.V.`,
    ),
    candidate(
      ['abilities'],
      ['age', 'gender', 'social_origin'],
      np('Sportverein', 'm'),
      (c) => `Rollstuhlbasketball ${at(c)} e.V.`,
    ),
    candidate(
      ['religion'],
      ['age', 'ethnic_origin', 'social_origin'],
      np('Sportgemeinschaft', 'f', 'kirchlich'),
      (c) => `Kirchliche Sportgemeinschaft ${at(c)} e.V.`,
    ),
    candidate(
      ['religion', 'ethnic_origin'],
      ['age', 'social_origin'],
      np('Sportverein', 'm'),
      (c) => `Sportverein der Moscheegemeinden ${at(c)}`,
    ),
    candidate(
      ['social_origin'],
      ['age', 'ethnic_origin', 'gender'],
      np('Fußballprojekt', 'n'),
      (c) => `Straßenfußball für Toleranz ${at(c)}`,
    ),
    candidate(
      ['sexual_orientation'],
      ['gender', 'age'],
      np('Sportverein', 'm', 'queer'),
      (c) => `Regenbogen-Volleyball ${at(c)} e.V.`,
    ),
  ],
  YOUTH_ORGANISATION: [
    candidate(
      ['age'],
      ['social_origin', 'ethnic_origin'],
      np('Jugendtreff', 'm'),
      (c) => `Stadtjugendring – Jugendtreff ${at(c)}`,
    ),
    candidate(
      ['age', 'social_origin'],
      ['ethnic_origin', 'gender'],
      np('Jugendzentrum', 'n'),
      (c) => `Jugendzentrum ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'gender', 'ethnic_origin'],
      np('Pfadfinderstamm', 'm'),
      (c) => `Pfadfinderstamm ${c.rng.pick(w.TROOPS)} ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'abilities', 'ethnic_origin'],
      np('Jugendrotkreuz', 'n'),
      (c) => `Jugendrotkreuz ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'gender', 'ethnic_origin'],
      np('Jugendchor', 'm'),
      (c) => `Jugendchor ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'ethnic_origin'],
      np('Jugendfeuerwehr', 'f'),
      (c) => `Jugendfeuerwehr ${at(c)}`,
    ),
    candidate(
      ['age'],
      ['social_origin', 'abilities'],
      np('Kinder- und Jugendzirkus', 'm'),
      (c) => `Kinder- und Jugendzirkus ${at(c)}`,
    ),
    candidate(
      ['age', 'sexual_orientation'],
      ['gender'],
      np('Jugendgruppe', 'f', 'queer'),
      (c) => `Queere Jugendgruppe ${at(c)}`,
    ),
    candidate(
      ['age', 'gender'],
      ['social_origin', 'ethnic_origin'],
      np('Mädchentreff', 'm'),
      (c) => `Mädchentreff ${at(c)}`,
    ),
    candidate(
      ['age', 'ethnic_origin'],
      ['social_origin', 'gender'],
      np('Jugendverband', 'm'),
      (c) => `${origin(c, 'm')} Jugendverband ${at(c)}`,
    ),
    candidate(
      ['age', 'religion'],
      ['social_origin', 'gender'],
      np('Jugend', 'f', 'evangelisch'),
      (c) => `Evangelische Jugend ${at(c)}`,
    ),
    candidate(
      ['age', 'religion', 'ethnic_origin'],
      ['social_origin', 'gender'],
      np('Jugend', 'f', 'muslimisch'),
      (c) => `Muslimische Jugend ${at(c)} e.V.`,
    ),
    candidate(
      ['age', 'abilities'],
      ['social_origin'],
      np('Jugendgruppe', 'f', 'inklusiv'),
      (c) => `Inklusive Jugendgruppe ${at(c)}`,
    ),
  ],
  FOUNDATION: [
    candidate([], PEOPLE, np('Stiftung', 'f'), (c) => `${c.rng.pick(w.NAMESAKES)}-Stiftung`, {
      city: true,
      centre: true,
    }),
    candidate(
      [],
      ['social_origin', 'age', 'ethnic_origin'],
      np('Bürgerstiftung', 'f'),
      (c) => `Bürgerstiftung ${at(c)}`,
    ),
    ...Object.entries(w.FOUNDATION_PURPOSES).map(([dimension, purposes]) =>
      candidate(
        dimension === '' ? [] : [dimension],
        PEOPLE,
        np('Stiftung', 'f'),
        (c) => `${c.rng.pick(w.SURNAMES)}-Stiftung ${c.rng.pick(purposes)}`,
        { city: true },
      ),
    ),
  ],
  INITIATIVE: [
    ...w.CONCEPTS.flatMap((concept) =>
      w.INITIATIVE_FORMS.map((form) =>
        candidate(
          concept.dimensions ?? [],
          ['ethnic_origin', 'social_origin', 'gender'],
          np(form.word, form.gender),
          (c) => `${form.word} ${concept.word} ${at(c)}`,
          { weight: 1 / w.INITIATIVE_FORMS.length },
        ),
      ),
    ),
    ...w.NAMED_INITIATIVES.map((s) =>
      candidate(
        s.dimensions ?? [],
        ['social_origin', 'age'],
        np('Initiative', 'f'),
        (c) => `${s.word} ${at(c)}`,
      ),
    ),
    candidate(
      ['religion'],
      ['ethnic_origin'],
      np('Rat', 'm'),
      () => 'Rat der Religionen Mannheim',
      { city: true, once: true },
    ),
  ],
  COMPANY: [
    candidate(
      [],
      PEOPLE,
      np('Unternehmen', 'n'),
      (c) => `${c.rng.pick(w.SURNAMES)} ${c.rng.pick(w.INDUSTRIES)} ${c.rng.pick(w.LEGAL_FORMS)}`,
    ),
    candidate(
      [],
      PEOPLE,
      np('Unternehmen', 'n'),
      (c) =>
        `${c.rng.pick(w.SURNAMES)} & ${c.rng.pick(w.SURNAMES)} ${c.rng.pick(w.INDUSTRIES)} GmbH`,
    ),
    candidate(
      [],
      PEOPLE,
      np('Betrieb', 'm'),
      (c) => `${c.rng.pick(SHOPS)} ${c.rng.pick(w.SURNAMES)} ${at(c)}`,
    ),
    candidate(
      [],
      PEOPLE,
      np('Unternehmen', 'n'),
      (c) => `${c.rng.pick(w.INDUSTRIES)} ${at(c)} GmbH & Co. KG`,
    ),
    candidate(
      ['abilities'],
      ['social_origin', 'age'],
      np('Inklusionsbetrieb', 'm'),
      (c) => `Inklusionsbetrieb ${c.rng.pick(w.INDUSTRIES)} ${at(c)} gGmbH`,
    ),
  ],
  CHAMBER_OR_UNION: [
    candidate(
      [],
      ['social_origin', 'age', 'ethnic_origin', 'gender'],
      np('Innung', 'f'),
      (c) => `${c.rng.pick(w.CRAFTS)}-Innung Mannheim`,
      { city: true },
    ),
    candidate(
      [],
      ['social_origin', 'gender', 'ethnic_origin', 'age', 'abilities'],
      np('Gewerkschaft', 'f'),
      (c) => `Gewerkschaft ${c.rng.pick(w.UNION_BRANCHES)} – Ortsgruppe ${at(c)}`,
    ),
    candidate(
      [],
      ['social_origin', 'ethnic_origin'],
      np('Gewerbeverein', 'm'),
      (c) => `Gewerbeverein ${at(c)} e.V.`,
    ),
    candidate(
      ['ethnic_origin'],
      ['social_origin', 'gender'],
      np('Unternehmerverband', 'm'),
      (c) => `Verband migrantischer Unternehmen ${at(c)}`,
    ),
    candidate(
      ['gender'],
      ['social_origin', 'ethnic_origin'],
      np('Netzwerk', 'n'),
      (c) => `Unternehmerinnen-Netzwerk ${at(c)}`,
    ),
  ],
  PARTY_OR_FACTION: [
    candidate(
      [],
      ALL,
      np('Gemeinderatsfraktion', 'f'),
      (c) => `${c.rng.pick(w.PARTIES).short}-Gemeinderatsfraktion`,
      {
        city: true,
        centre: true,
      },
    ),
    candidate(
      [],
      ALL,
      np('Ortsverband', 'm'),
      (c) => `${c.rng.pick(w.PARTIES).short}-Ortsverband ${at(c)}`,
    ),
    ...w.PARTY_GROUPS.map((group) =>
      candidate(
        group.dimensions ?? [],
        ALL,
        np('Arbeitskreis', 'm'),
        (c) => `${group.word} der ${c.rng.pick(w.PARTIES).long}`,
        {
          city: true,
          centre: true,
        },
      ),
    ),
  ],
  PUBLIC_AUTHORITY: [
    ...w.DEPARTMENTS.map((d) =>
      candidate(
        d.dimensions ?? [],
        PEOPLE,
        np('Fachbereich', 'm', 'städtisch'),
        () => `Fachbereich ${d.word} der Stadt Mannheim`,
        {
          city: true,
          centre: true,
          once: true,
        },
      ),
    ),
    ...w.CITY_OFFICES.map((o) =>
      candidate(o.dimensions, PEOPLE, np('Stelle', 'f', 'städtisch'), () => o.word, {
        city: true,
        centre: true,
        once: true,
      }),
    ),
    ...w.LOCAL_OFFICES.map((o) =>
      candidate(o.dimensions ?? [], PEOPLE, selfOf(o.word, o.gender), (c) => `${o.word} ${at(c)}`),
    ),
  ],
};

/** Public schools and day-care centres (EDUCATION of the administration). */
const PUBLIC_EDUCATION: readonly NameCandidate[] = [
  ...w.SCHOOL_TYPES.map((type) =>
    candidate(
      type.dimensions ?? [],
      ['age', 'social_origin', 'ethnic_origin', 'abilities', 'religion'],
      np(type.word, type.gender),
      (c) => `${c.rng.pick(w.NAMESAKES)}-${type.word} ${at(c)}`,
    ),
  ),
  candidate(
    ['age'],
    ['social_origin', 'ethnic_origin', 'abilities'],
    np('Kita', 'f', 'städtisch'),
    (c) => `Städtische Kita ${c.rng.pick(KITA_NAMES)} ${at(c)}`,
  ),
  candidate(
    [],
    ['ethnic_origin', 'age', 'social_origin'],
    np('Abendakademie', 'f'),
    (c) => `Abendakademie – Außenstelle ${at(c)}`,
  ),
  candidate(
    [],
    ['age', 'social_origin', 'abilities'],
    np('Musikschule', 'f', 'städtisch'),
    (c) => `Städtische Musikschule – Zweigstelle ${at(c)}`,
  ),
];

/** The name candidates of a kind (religious communities draw a tradition instead). */
export function nameCandidates(kind: PartnerKind, publicSector: boolean): readonly NameCandidate[] {
  if (kind === 'RELIGIOUS_COMMUNITY') return RELIGIOUS_TRADITIONS;
  return kind === 'EDUCATION' && publicSector ? PUBLIC_EDUCATION : NAMES[kind];
}

/**
 * Whether a candidate fits a profile: its name suggests nothing the partner does not engage in
 * (strict), and everything the partner engages in is suggested or believable for it (`loose`
 * drops the second half, for profiles no candidate covers).
 */
export function fitsProfile(
  c: NameCandidate,
  dimensions: readonly string[],
  loose = false,
): boolean {
  if (!c.suggests.every((d) => dimensions.includes(d))) return false;
  return loose || dimensions.every((d) => c.suggests.includes(d) || c.fits.includes(d));
}

/**
 * Chooses a candidate for a profile: the fitting ones, weighted towards names that say more of
 * what the partner does and away from names already used (`uses`), so that the demo does not
 * read like one template per kind; city-wide bodies that exist once are taken once; a partner
 * the profile drafting moved to the centre takes a city-wide name where its kind has one.
 */
export function chooseCandidate(
  rng: Rng,
  pool: readonly NameCandidate[],
  input: Pick<NamingInput, 'dimensions' | 'central'>,
  taken: ReadonlySet<NameCandidate>,
  uses: ReadonlyMap<NameCandidate, number> = new Map(),
): NameCandidate {
  const open = pool.filter((c) => !(c.once && taken.has(c)) && (input.central || !c.centre));
  const placed = input.central && open.some((c) => c.city) ? open.filter((c) => c.city) : open;
  for (const loose of [false, true]) {
    const fitting = placed.filter((c) => fitsProfile(c, input.dimensions, loose));
    if (fitting.length > 0) {
      return rng.weighted(
        fitting.map(
          (c) =>
            [
              c,
              ((c.weight ?? 1) * (1 + 2 * c.suggests.length)) / (1 + 2 * (uses.get(c) ?? 0)),
            ] as const,
        ),
      );
    }
  }
  // No candidate suggests only what the partner does: the most neutral one.
  const neutral = placed.filter((c) => c.suggests.length === 0);
  return rng.pick(neutral.length > 0 ? neutral : placed);
}

/** Writes a name from a chosen candidate. */
export function writeName(rng: Rng, c: NameCandidate, district: District): OrganisationName {
  const ctx: NameContext = {
    rng,
    place: district.name,
    year: () => String(rng.int(1846, 2015)),
  };
  return { name: c.name(ctx), self: c.self, suggests: c.suggests, cityWide: c.city === true };
}
