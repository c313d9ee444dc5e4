import type { District } from '../../src/districts/district.types';
import type { Rng } from './rng';
import type { PartnerKind } from './types';
import * as w from './words';

/** What a name template needs: randomness and the partner's district. */
export interface NameContext {
  rng: Rng;
  district: District;
}

/**
 * The profile drafting's working title of an organisation with the dimensions and topics it
 * suggests (a "Frauenverein" works on gender): they seed the partner's profile. The published
 * name is written later from the drawn profile (seeds/demo/naming.ts); the working title only
 * keeps the draws of the profile as they always were. `central` moves the partner to the city
 * centre (city hall, council factions).
 */
export interface NameDraft {
  name: string;
  dimensions?: readonly string[];
  topics?: readonly string[];
  central?: boolean;
}

type Template = (ctx: NameContext) => NameDraft;

const year = (ctx: NameContext) => String(ctx.rng.int(1846, 2015));

const fromNoun = (name: string, noun: w.Noun, extra: Partial<NameDraft> = {}): NameDraft => ({
  name,
  dimensions: [...(extra.dimensions ?? []), ...(noun.dimensions ?? [])],
  topics: [...(extra.topics ?? []), ...(noun.topics ?? [])],
  central: extra.central,
});

const withAdjective = (
  ctx: NameContext,
  adjectives: readonly w.Adjective[],
  nouns: readonly w.Noun[],
  place: string,
): NameDraft => {
  const adjective = ctx.rng.pick(adjectives);
  const noun = ctx.rng.pick(nouns);
  return fromNoun(`${w.decline(adjective, noun.gender)} ${noun.word} ${place}`.trim(), noun, {
    dimensions: adjective.dimensions,
  });
};

const TEMPLATES: Record<PartnerKind, readonly Template[]> = {
  ASSOCIATION: [
    (ctx) => {
      const draft = withAdjective(
        ctx,
        w.ASSOCIATION_ADJECTIVES,
        w.ASSOCIATION_NOUNS,
        ctx.district.name,
      );
      return { ...draft, name: `${draft.name} e.V.` };
    },
    (ctx) => {
      const noun = ctx.rng.pick(w.ASSOCIATION_NOUNS);
      return fromNoun(`${noun.word} ${ctx.district.name} e.V.`, noun);
    },
  ],
  MIGRANT_ORGANISATION: [
    (ctx) => {
      const draft = withAdjective(ctx, w.ORIGIN_ADJECTIVES, w.MIGRANT_NOUNS, ctx.district.name);
      return { ...draft, name: `${draft.name} e.V.` };
    },
    (ctx) => {
      const draft = withAdjective(ctx, w.ORIGIN_ADJECTIVES, w.MIGRANT_NOUNS, 'Mannheim');
      return { ...draft, name: `${draft.name} e.V.` };
    },
  ],
  RELIGIOUS_COMMUNITY: [
    (ctx) => {
      const body = ctx.rng.pick(w.RELIGIOUS_BODIES);
      return { name: `${body.word} ${ctx.district.name}`, dimensions: body.dimensions };
    },
    (ctx) => ({
      name: `Katholische Pfarrei St. ${ctx.rng.pick(w.SAINTS)} ${ctx.district.name}`,
      dimensions: ['religion'],
    }),
    (ctx) => ({
      name: `Evangelische ${ctx.rng.pick(w.PARISHES)}gemeinde ${ctx.district.name}`,
      dimensions: ['religion'],
    }),
    (ctx) => ({
      name: `Christlich-Islamische Gesellschaft ${ctx.district.name} e.V.`,
      dimensions: ['religion'],
      topics: ['religion_dialogue'],
    }),
  ],
  EDUCATION: [
    (ctx) => ({
      name: `Elterninitiative Kinderhaus ${ctx.rng.pick(w.KITA_NAMES)} ${ctx.district.name} e.V.`,
      dimensions: ['age'],
      topics: ['education', 'family'],
    }),
    (ctx) => {
      const noun = ctx.rng.pick(w.FREE_EDUCATION);
      return fromNoun(`${noun.word} ${ctx.district.name}`, noun, { topics: ['education'] });
    },
    (ctx) => ({
      name: `Sprachschule ${ctx.rng.pick(w.SURNAMES)} ${ctx.district.name}`,
      topics: ['language', 'education'],
      dimensions: ['ethnic_origin'],
    }),
  ],
  SOCIAL_SERVICE: [
    (ctx) => {
      const noun = ctx.rng.pick(w.SOCIAL_SERVICES);
      return fromNoun(`${noun.word} ${ctx.district.name}`, noun);
    },
    (ctx) => {
      const noun = ctx.rng.pick(w.SOCIAL_SERVICES);
      const carrier = ctx.rng.pick(w.WELFARE_CARRIERS);
      return fromNoun(`${carrier} – ${noun.word} ${ctx.district.name}`, noun);
    },
  ],
  CULTURE: [
    (ctx) => {
      const noun = ctx.rng.pick(w.CULTURE_PLACES);
      return fromNoun(`${noun.word} ${ctx.district.name}`, noun, { topics: ['culture'] });
    },
    (ctx) => {
      const draft = withAdjective(ctx, w.ENSEMBLE_ADJECTIVES, w.ENSEMBLES, ctx.district.name);
      return { ...draft, topics: ['culture', ...(draft.topics ?? [])] };
    },
  ],
  SPORTS_CLUB: [
    (ctx) => ({ name: `TSV ${year(ctx)} ${ctx.district.name}`, topics: ['sport'] }),
    (ctx) => ({ name: `Turnverein ${year(ctx)} ${ctx.district.name} e.V.`, topics: ['sport'] }),
    (ctx) => ({ name: `FC ${ctx.district.name} ${year(ctx)}`, topics: ['sport'] }),
    (ctx) => {
      const noun = ctx.rng.pick(w.SPORTS_CLUBS);
      return fromNoun(`${noun.word} ${ctx.district.name} ${year(ctx)} e.V.`, noun, {
        topics: ['sport'],
      });
    },
  ],
  YOUTH_ORGANISATION: [
    (ctx) => {
      const noun = ctx.rng.pick(w.YOUTH_PLACES);
      return fromNoun(`${noun.word} ${ctx.district.name}`, noun, {
        dimensions: ['age'],
        topics: ['youth'],
      });
    },
    (ctx) => ({
      name: `Pfadfinderstamm ${ctx.rng.pick(w.TROOPS)} ${ctx.district.name}`,
      dimensions: ['age'],
      topics: ['youth'],
    }),
    (ctx) => {
      const adjective = ctx.rng.pick(w.ORIGIN_ADJECTIVES);
      return {
        name: `${w.decline(adjective, 'm')} Jugendverband ${ctx.district.name}`,
        dimensions: ['age', 'ethnic_origin'],
        topics: ['youth'],
      };
    },
  ],
  FOUNDATION: [
    (ctx) => ({ name: `${ctx.rng.pick(w.NAMESAKES)}-Stiftung`, central: true }),
    (ctx) => ({ name: `Bürgerstiftung ${ctx.district.name}` }),
    (ctx) => {
      const concept = ctx.rng.pick(w.CONCEPTS);
      return {
        name: `${ctx.rng.pick(w.SURNAMES)}-Stiftung ${concept.word}`,
        dimensions: concept.dimensions,
      };
    },
  ],
  INITIATIVE: [
    (ctx) => {
      const form = ctx.rng.pick(w.INITIATIVE_FORMS);
      const concept = ctx.rng.pick(w.CONCEPTS);
      return {
        name: `${form.word} ${concept.word} ${ctx.district.name}`,
        dimensions: concept.dimensions,
      };
    },
    (ctx) => {
      const noun = ctx.rng.pick(w.NAMED_INITIATIVES);
      return fromNoun(`${noun.word} ${ctx.district.name}`, noun, {
        topics: ['antidiscrimination'],
      });
    },
  ],
  COMPANY: [
    (ctx) => ({
      name: `${ctx.rng.pick(w.SURNAMES)} ${ctx.rng.pick(w.INDUSTRIES)} ${ctx.rng.pick(w.LEGAL_FORMS)}`,
      topics: ['work'],
    }),
    (ctx) => {
      const [a, b] = [ctx.rng.pick(w.SURNAMES), ctx.rng.pick(w.SURNAMES)];
      return { name: `${a} & ${b} ${ctx.rng.pick(w.INDUSTRIES)} GmbH`, topics: ['work'] };
    },
    (ctx) => ({
      name: `${ctx.rng.pick(w.SHOPS)} ${ctx.rng.pick(w.SURNAMES)} ${ctx.district.name}`,
      topics: ['work'],
    }),
    (ctx) => ({
      name: `${ctx.rng.pick(w.INDUSTRIES)} ${ctx.district.name} GmbH & Co. KG`,
      topics: ['work'],
    }),
  ],
  CHAMBER_OR_UNION: [
    (ctx) => ({ name: `${ctx.rng.pick(w.CRAFTS)}-Innung Mannheim`, topics: ['work'] }),
    (ctx) => ({
      name: `Gewerkschaft ${ctx.rng.pick(w.UNION_BRANCHES)} – Ortsgruppe ${ctx.district.name}`,
      topics: ['work'],
    }),
    (ctx) => ({ name: `Gewerbeverein ${ctx.district.name} e.V.`, topics: ['work'] }),
    (ctx) => ({
      name: `Verband migrantischer Unternehmen ${ctx.district.name}`,
      topics: ['work'],
      dimensions: ['ethnic_origin'],
    }),
    (ctx) => ({
      name: `Unternehmerinnen-Netzwerk ${ctx.district.name}`,
      topics: ['work'],
      dimensions: ['gender'],
    }),
  ],
  PARTY_OR_FACTION: [
    (ctx) => ({
      name: `${ctx.rng.pick(w.PARTIES).short}-Gemeinderatsfraktion`,
      central: true,
      topics: ['politics_participation'],
    }),
    (ctx) => ({
      name: `${ctx.rng.pick(w.PARTIES).short}-Ortsverband ${ctx.district.name}`,
      topics: ['politics_participation'],
    }),
    (ctx) => ({
      name: `Bezirksbeiratsfraktion der ${ctx.rng.pick(w.PARTIES).long} ${ctx.district.borough}`,
      topics: ['politics_participation'],
    }),
    (ctx) => {
      const group = ctx.rng.pick(w.PARTY_GROUPS);
      return {
        name: `${group.word} der ${ctx.rng.pick(w.PARTIES).long}`,
        dimensions: group.dimensions,
        topics: ['politics_participation'],
        central: true,
      };
    },
  ],
  PUBLIC_AUTHORITY: [
    (ctx) => {
      const department = ctx.rng.pick(w.DEPARTMENTS);
      return {
        name: `Fachbereich ${department.word} der Stadt Mannheim`,
        dimensions: department.dimensions,
        topics: department.topics,
        central: true,
      };
    },
    (ctx) => {
      const noun = ctx.rng.pick(w.LOCAL_OFFICES);
      return fromNoun(`${noun.word} ${ctx.district.name}`, noun);
    },
    (ctx) => {
      const office = ctx.rng.pick(w.CITY_OFFICES);
      return { name: office.word, dimensions: office.dimensions, central: true };
    },
  ],
};

/** Public schools: a separate list because EDUCATION of the administration names them. */
const PUBLIC_SCHOOL_TEMPLATES: readonly Template[] = [
  (ctx) => {
    const type = ctx.rng.pick(w.SCHOOL_TYPES);
    return fromNoun(`${ctx.rng.pick(w.NAMESAKES)}-${type.word} ${ctx.district.name}`, type, {
      topics: ['education'],
    });
  },
  (ctx) => {
    const noun = ctx.rng.pick(w.PUBLIC_EDUCATION);
    return fromNoun(`${noun.word} ${ctx.district.name}`, noun, { topics: ['education'] });
  },
  (ctx) => ({
    name: `Städtische Kita ${ctx.rng.pick(w.KITA_NAMES)} ${ctx.district.name}`,
    dimensions: ['age'],
    topics: ['education', 'family'],
  }),
];

/**
 * Drafts the working title of an organisation of a kind (and, for EDUCATION, whether it is a
 * public school), whose hints seed the profile. Titles repeat now and then; the caller keeps them
 * unique. Changing a template or a word list these templates read changes the profiles and
 * every cooperation of the demo (the digest test of test/unit/demo-generator.test.ts notices).
 */
export function draftName(ctx: NameContext, kind: PartnerKind, publicSector: boolean): NameDraft {
  const templates =
    kind === 'EDUCATION' && publicSector ? PUBLIC_SCHOOL_TEMPLATES : TEMPLATES[kind];
  return ctx.rng.pick(templates)(ctx);
}

/**
 * Lower-case ASCII of a German or Turkish name, for web addresses and e-mail: umlauts become
 * ae/oe/ue, ß becomes ss, other accents are dropped.
 */
export function asciiFold(text: string): string {
  const lower = text.toLowerCase();
  // Most names are plain ASCII already; skip the costlier replacements for them.
  if (/^[ -~]*$/.test(lower)) return lower;
  return lower
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** A web-address label of at most `max` characters from a name ("tsv-1887-seckenheim"). */
export function slugify(name: string, max = 40): string {
  const slug = asciiFold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 10 ? cut.slice(0, lastDash) : cut;
}
