import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import type { District } from '../../src/districts/district.types';
import type { ReferenceData } from '../reference/load-reference-data';
import { dayOf, monthYearDe, toDay, yearOf } from './dates';
import { asciiFold, draftName, slugify } from './names';
import type { Actor } from './network';
import { ALLIANCE_FOUNDED, PROCESS } from './parameters';
import { apportion, type DemoPlan } from './plan';
import { districtWeight, drawEngagements, drawTopics, KINDS_BY_SECTOR } from './profiles';
import type { Rng } from './rng';
import {
  chooseCandidate,
  fitsProfile,
  nameCandidates,
  type NameCandidate,
  type OrganisationName,
  RELIGIOUS_TRADITIONS,
  writeName,
} from './naming';
import { describePartner } from './text';
import type { PartnerKind, PartnerStatus, Sector } from './types';
import { FIRST_NAMES, STREETS, SURNAMES } from './words';

/** A partner before ids, counts and activity dates are known. */
export interface PartnerDraft extends Actor {
  name: string;
  kind: PartnerKind;
  description: string;
  website: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  internalNotes: string | null;
  /** The name drafting moved it to the city centre as a city-wide body (scope CITY). */
  central: boolean;
  /** Its written name is a city-wide body's ("Jüdische Kultusgemeinde …"): scope CITY too. */
  cityWide: boolean;
}

/** Membership facts of one partner: when it joined, its status, and since when it rests. */
interface Membership {
  status: PartnerStatus;
  joinDay: number;
  inactiveFrom: number;
  dormant: boolean;
}

const YEAR_DAYS = 365;

/**
 * The join days of `count` partners who became members: {@link PROCESS.foundingShare} in 2016
 * (most of them in the founding wave right after the council's decision), the rest spread evenly
 * over the later years up to `asOfDay`.
 */
function joinDays(rng: Rng, count: number, asOfDay: number): number[] {
  const founded = toDay(ALLIANCE_FOUNDED);
  const founders = Math.round(count * PROCESS.foundingShare);
  const days: number[] = [];
  for (let k = 0; k < founders; k += 1) {
    const wave = rng.chance(PROCESS.foundingWaveShare);
    days.push(
      wave ? rng.int(founded, dayOf(2016, 7, 31)) : rng.int(dayOf(2016, 8, 1), dayOf(2016, 12, 31)),
    );
  }
  const years: number[] = [];
  for (let y = 2017; y <= yearOf(asOfDay); y += 1) years.push(y);
  const lengths = years.map((y) => Math.min(asOfDay, dayOf(y, 12, 31)) - dayOf(y, 1, 1) + 1);
  const perYear = apportion(count - founders, lengths);
  years.forEach((y, k) => {
    const last = Math.min(asOfDay, dayOf(y, 12, 31));
    for (let n = 0; n < (perYear[k] ?? 0); n += 1) days.push(rng.int(dayOf(y, 1, 1), last));
  });
  return days.sort((a, b) => a - b);
}

/**
 * Statuses and membership dates: members ACTIVE or PAUSED, some LEFT, some APPLIED, and the
 * dormant share of the members (founders less often: they took part in the workshops before).
 */
export function drawMemberships(rng: Rng, plan: DemoPlan, asOfDay: number): Membership[] {
  const days = joinDays(rng, plan.members + plan.left, asOfDay);
  const all: Membership[] = days.map((joinDay) => ({
    status: 'ACTIVE',
    joinDay,
    inactiveFrom: Infinity,
    dormant: false,
  }));
  const seasoned = rng.shuffle(all.filter((m) => m.joinDay <= asOfDay - YEAR_DAYS));
  for (const m of seasoned.slice(0, plan.left)) {
    m.status = 'LEFT';
    m.inactiveFrom = rng.int(m.joinDay + 180, asOfDay - 1);
    m.dormant = rng.chance(PROCESS.dormantShare);
  }
  for (const m of seasoned.slice(plan.left, plan.left + plan.paused)) {
    m.status = 'PAUSED';
    m.inactiveFrom = rng.int(m.joinDay + YEAR_DAYS, asOfDay);
  }
  const members = all.filter((m) => m.status !== 'LEFT');
  const founderEnd = dayOf(2016, 12, 31);
  const weight = (m: Membership) => (m.joinDay <= founderEnd ? PROCESS.dormantFounderWeight : 1);
  for (const m of rng.weightedOrder(members, weight).slice(0, plan.dormant)) m.dormant = true;
  for (let k = 0; k < plan.applied; k += 1) {
    all.push({
      status: 'APPLIED',
      joinDay: rng.int(asOfDay - 120, asOfDay),
      inactiveFrom: Infinity,
      dormant: true,
    });
  }
  return all;
}

/** Sectors of all partners by the quotas of {@link PROCESS.sectorShares}, in random order. */
function drawSectors(rng: Rng, count: number): Sector[] {
  const entries = Object.entries(PROCESS.sectorShares) as [Sector, number][];
  const quotas = apportion(
    count,
    entries.map(([, share]) => share),
  );
  return rng.shuffle(entries.flatMap(([sector], k) => Array<Sector>(quotas[k] ?? 0).fill(sector)));
}

/**
 * Keeps names unique: redrafts a few times, then names a site ("– Standort Hauptstraße", as
 * organisations with several sites do), and numbers the name only as a last resort (large
 * alliances exhaust the word lists).
 */
class NameRegistry {
  private readonly taken = new Set<string>();
  private readonly nextNumber = new Map<string, number>();

  claim(rng: Rng, draft: () => string): string {
    let name = draft();
    for (let tries = 0; tries < 3 && this.taken.has(name); tries += 1) name = draft();
    const base = name;
    for (let tries = 0; tries < 4 && this.taken.has(name); tries += 1) {
      name = `${base} – Standort ${rng.pick(STREETS)}`;
    }
    if (this.taken.has(name)) name = this.numbered(base);
    this.taken.add(name);
    return name;
  }

  private numbered(base: string): string {
    let n = this.nextNumber.get(base) ?? 2;
    while (this.taken.has(`${base} (${n})`)) n += 1;
    this.nextNumber.set(base, n + 1);
    return `${base} (${n})`;
  }
}

function internalNotes(m: Membership): string | null {
  switch (m.status) {
    case 'PAUSED':
      return `Mitgliedschaft ruht seit ${monthYearDe(m.inactiveFrom)}.`;
    case 'LEFT':
      return `Ausgetreten im ${monthYearDe(m.inactiveFrom)}.`;
    case 'APPLIED':
      return 'Unterzeichnete Erklärung liegt vor, Aufnahme in Prüfung.';
    default:
      return null;
  }
}

/**
 * Contact person, the local part of the e-mail address (the domain follows the name, see
 * writeNames) and phone; phone numbers start with 0 after the area code, so none is real.
 */
function contact(rng: Rng) {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(SURNAMES);
  return {
    contactName: `${first} ${last}`,
    mailbox: `${asciiFold(first)}.${asciiFold(last)}`,
    contactPhone: `+49 621 0${rng.int(100000, 999999)}`,
  };
}

/** Everything the generator needs from the reference data, sorted by key. */
export interface Reference {
  dimensions: ReferenceData['dimensions'];
  topics: ReferenceData['topics'];
  districts: ReferenceData['districts'];
}

/** The reference data with what partner drawing looks up again and again, computed once. */
interface PartnerReference extends Reference {
  weightedDistricts: (readonly [District, number])[];
  centre: District | undefined;
  dimensionKeys: string[];
  topicKeys: string[];
  dimensionsByKey: Map<string, ReferenceData['dimensions'][number]>;
}

function prepare(reference: Reference): PartnerReference {
  return {
    ...reference,
    weightedDistricts: reference.districts.map((d) => [d, districtWeight(d.key)] as const),
    centre: reference.districts.find((d) => d.key === 'innenstadt'),
    dimensionKeys: reference.dimensions.map((d) => d.key),
    topicKeys: reference.topics.map((t) => t.key),
    dimensionsByKey: new Map(reference.dimensions.map((d) => [d.key, d])),
  };
}

/**
 * Draws one partner's organisation: sector quota → kind → district → a name that suggests
 * dimensions and topics → profile → description and contact.
 */
function drawPartner(
  rng: Rng,
  reference: PartnerReference,
  sector: Sector,
  membership: Membership,
  names: NameRegistry,
): PartnerDraft {
  const kind = rng.weighted(KINDS_BY_SECTOR[sector]);
  const home = rng.weighted(reference.weightedDistricts);
  const centre = reference.centre ?? home;
  let district: District = home;
  let central = false;
  let hints = { dimensions: [] as readonly string[], topics: [] as readonly string[] };
  const name = names.claim(rng, () => {
    const draft = draftName({ rng, district: home }, kind, sector === 'ADMINISTRATION');
    hints = { dimensions: draft.dimensions ?? [], topics: draft.topics ?? [] };
    central = draft.central === true;
    district = central ? centre : home;
    return draft.name;
  });
  const engagements: Engagement[] = drawEngagements(
    rng,
    kind,
    reference.dimensionKeys,
    hints.dimensions,
  );
  const topics = drawTopics(rng, kind, reference.topicKeys, hints.topics);
  // The stream position of the former one-template description: drawn and not used, so that
  // the partners after this one keep their kinds, places and profiles (and the alliance its
  // cooperations). Names and descriptions are written later, on a stream of their own.
  rng.int(0, 2);
  const person = contact(rng);
  // Spelled out instead of spread: V8 keeps literal objects in fast mode, and the simulation
  // reads these fields millions of times.
  return {
    status: membership.status,
    joinDay: membership.joinDay,
    inactiveFrom: membership.inactiveFrom,
    dormant: membership.dormant,
    sector,
    kind,
    // The working title of the profile drafting, until writeNames gives the name.
    name,
    district: district.key,
    borough: district.boroughKey,
    topics,
    engagements,
    description: '',
    website: '',
    contactName: person.contactName,
    contactEmail: person.mailbox,
    contactPhone: person.contactPhone,
    internalNotes: internalNotes(membership),
    central,
    cityWide: false,
  };
}

/**
 * All partners of the alliance, ascending by join day (so that the index is the member number).
 */
export function generatePartners(
  rng: Rng,
  plan: DemoPlan,
  reference: Reference,
  asOfDay: number,
  writingRng: Rng,
): PartnerDraft[] {
  const memberships = drawMemberships(rng, plan, asOfDay);
  const sectors = drawSectors(rng, memberships.length);
  const names = new NameRegistry();
  const prepared = prepare(reference);
  const drafts = memberships.map((m, k) =>
    drawPartner(rng, prepared, sectors[k] ?? 'CIVIL_SOCIETY', m, names),
  );
  const ordered = drafts
    .map((draft, k) => ({ draft, k }))
    .sort((a, b) => a.draft.joinDay - b.draft.joinDay || a.k - b.k)
    .map(({ draft }) => draft);
  writeNames(writingRng, ordered, prepared);
  return ordered;
}

/** Indices of the religious communities and the tradition each one is named after. */
function allocateTraditions(rng: Rng, drafts: readonly PartnerDraft[]): Map<number, NameCandidate> {
  const members = drafts.flatMap((d, i) => (d.kind === 'RELIGIOUS_COMMUNITY' ? [i] : []));
  const order = rng.shuffle(members);
  const dims = (i: number) => dimensionsOf(drafts[i] as PartnerDraft);
  const chosen = new Map<number, NameCandidate>();
  // Every tradition once, in the order of the list (the large churches, the mosque
  // congregations, the Jewish and the Alevi community first), each to the community whose
  // profile it fits with the fewest dimensions to spare, so the ones engaged in ethnic origin
  // stay for the traditions that need them.
  for (const tradition of RELIGIOUS_TRADITIONS) {
    let best: number | undefined;
    let spare = Infinity;
    for (const i of order) {
      if (chosen.has(i) || !fitsProfile(tradition, dims(i))) continue;
      const extra = dims(i).filter((d) => !tradition.suggests.includes(d)).length;
      if (extra < spare) [best, spare] = [i, extra];
    }
    if (best !== undefined) chosen.set(best, tradition);
  }
  const taken = new Set<NameCandidate>(chosen.values());
  for (const i of order) {
    if (chosen.has(i)) continue;
    const tradition = chooseCandidate(
      rng,
      RELIGIOUS_TRADITIONS,
      { dimensions: dims(i), central: false },
      taken,
    );
    chosen.set(i, tradition);
    taken.add(tradition);
  }
  return chosen;
}

const dimensionsOf = (d: Pick<PartnerDraft, 'engagements'>) => [
  ...new Set(d.engagements.map((e) => e.dimension)),
];

/**
 * Names, descriptions, web and e-mail addresses written from the drawn profiles
 * (seeds/demo/naming.ts): the name fits kind and dimensions, every religious tradition of the
 * city has a community, bodies a city has once exist once, and every organisation has its own
 * web address.
 */
function writeNames(rng: Rng, drafts: PartnerDraft[], reference: PartnerReference): void {
  const traditions = allocateTraditions(rng, drafts);
  const districts = new Map(reference.districts.map((d) => [d.key, d]));
  const names = new NameRegistry();
  const slugs = new SlugRegistry();
  const taken = new Set<NameCandidate>();
  const uses = new Map<NameCandidate, number>();
  drafts.forEach((draft, i) => {
    const district = districts.get(draft.district) as District;
    const dimensions = dimensionsOf(draft);
    const pool = nameCandidates(draft.kind, draft.sector === 'ADMINISTRATION');
    let written: OrganisationName | undefined;
    const name = names.claim(rng, () => {
      const candidate =
        traditions.get(i) ??
        chooseCandidate(rng, pool, { dimensions, central: draft.central }, taken, uses);
      written = writeName(rng, candidate, district);
      if (candidate.once) taken.add(candidate);
      uses.set(candidate, (uses.get(candidate) ?? 0) + 1);
      return written.name;
    });
    const self = (written as OrganisationName).self;
    draft.name = name;
    draft.cityWide = (written as OrganisationName).cityWide;
    draft.description = describePartner(rng, {
      kind: draft.kind,
      self,
      district,
      topics: reference.topics.filter((t) => draft.topics.includes(t.key)),
      dimensions: dimensions
        .map((key) => reference.dimensionsByKey.get(key))
        .filter((d) => d !== undefined),
    });
    const slug = slugs.claim(slugify(name));
    draft.website = `https://${slug}.example.org`;
    draft.contactEmail = `${draft.contactEmail}@${slug}.example.org`;
  });
}

/** Keeps web addresses unique: a cut-off name that equals another gets a number ("…-2"). */
class SlugRegistry {
  private readonly taken = new Set<string>();

  claim(slug: string): string {
    let unique = slug;
    for (let n = 2; this.taken.has(unique); n += 1) unique = `${slug}-${n}`;
    this.taken.add(unique);
    return unique;
  }
}
