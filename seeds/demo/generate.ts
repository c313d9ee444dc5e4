import type { District } from '../../src/districts/district.types';
import type { PartnerScope } from '../../src/matching/matching.model';
import type { ReferenceData } from '../reference/load-reference-data';
import type { CooperationDraft } from './cooperations';
import { fromDay, toDay } from './dates';
import { AllianceNetwork } from './network';
import { generatePartners, type PartnerDraft, type Reference } from './partners';
import { planAlliance, resolveOptions } from './plan';
import { drawResources, type ResourceProfile } from './resources';
import { Rng } from './rng';
import { drawScope } from './scope';
import { simulate, type SimulationResult } from './simulate';
import { actionDayTitle, diversityTitle, networkTitle } from './text';
import type { DemoAlliance, DemoCooperation, DemoOptions, DemoPartner } from './types';

/**
 * Generates the demo alliance: partners, cooperations, events and attendances, as plain data and
 * without I/O. The same options and reference data always give the same alliance.
 *
 * At 353 partners (the default) it reproduces the talk of 12 June 2023 exactly: 353 member
 * partners, 54 diversity cooperations since 2016 of which 5 currently funded, 10 network projects
 * since 2019 of which 2 currently funded, einander.Aktionstage 2016–2022 with on average 78
 * events and 110 organisers. Other partner counts scale all of it proportionally.
 * docs/demo-data.md describes the process.
 *
 * Scope, offers and needs are drawn after the partners and before the simulation (the NEEDS
 * regime pairs by them), each from a stream of its own forked after the original three, so the
 * default regime gives exactly the alliance it gave before they existed.
 *
 * @param options - partners, seed, as-of date and regime; defaults 353, 42, '2023-06-12' and
 *   'PLACE_AND_TOPIC'
 * @param reference - dimensions, topics and districts (their order does not matter)
 * @throws {RangeError} for invalid options or reference data without dimensions, topics or districts
 */
export function generateDemoAlliance(options: DemoOptions, reference: ReferenceData): DemoAlliance {
  const resolved = resolveOptions(options);
  const ref = canonicalReference(reference);
  const asOf = toDay(resolved.asOf);
  const plan = planAlliance(resolved);
  const root = Rng.fromSeed(resolved.seed);
  // Separate streams: changing wording or one phase does not reshuffle the others.
  const partnerRng = root.fork();
  const processRng = root.fork();
  const textRng = root.fork();
  // Forked after the first three, so that those streams stay what they were.
  const scopeRng = root.fork();
  const resourceRng = root.fork();
  // Names and descriptions, written from the drawn profiles (seeds/demo/naming.ts).
  const writingRng = root.fork();
  const drafts = generatePartners(partnerRng, plan, ref, asOf, writingRng);
  const scopes = drafts.map((d) => drawScope(scopeRng, d));
  const resources = drawAllResources(resourceRng, drafts, ref);
  const network = new AllianceNetwork(drafts, {
    regime: resolved.regime,
    offered: resources.map((r) => r.offered),
    needed: resources.map((r) => r.needed),
  });
  const simulation = simulate(network, processRng, plan, asOf);
  const extras = drafts.map((_, i) => ({
    scope: scopes[i] ?? 'NEIGHBOURHOOD',
    resources: resources[i] as ResourceProfile,
  }));
  return { options: resolved, ...assemble(drafts, extras, simulation, ref, textRng) };
}

/** What a partner gets besides its draft: scope, offers and needs. */
interface PartnerExtras {
  scope: PartnerScope;
  resources: ResourceProfile;
}

/** Every partner's offers and needs, in partner order. */
function drawAllResources(
  rng: Rng,
  drafts: readonly PartnerDraft[],
  ref: Reference,
): ResourceProfile[] {
  const districts = new Map(ref.districts.map((d) => [d.key, d]));
  const topics = new Map(ref.topics.map((t) => [t.key, t]));
  return drafts.map((d) =>
    drawResources(rng, {
      kind: d.kind,
      district: districts.get(d.district) as District,
      topics: d.topics.flatMap((key) => topics.get(key) ?? []),
    }),
  );
}

/** Sorted copies of the reference data, so that the order it was read in does not matter. */
function canonicalReference(reference: ReferenceData): Reference {
  const byKey = <T extends { key: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ref = {
    dimensions: byKey(reference.dimensions),
    topics: byKey(reference.topics),
    districts: byKey(reference.districts),
  };
  if (ref.dimensions.length < 2 || ref.topics.length === 0 || ref.districts.length === 0) {
    throw new RangeError(
      `expected reference data with at least 2 dimensions, 1 topic and 1 district, got ${ref.dimensions.length}, ${ref.topics.length} and ${ref.districts.length}`,
    );
  }
  return ref;
}

/** `p-00001`: a prefix and a number padded to at least five digits (wider when needed). */
function idMaker(prefix: string, count: number): (n: number) => string {
  const width = Math.max(5, String(count).length);
  return (n) => `${prefix}-${String(n + 1).padStart(width, '0')}`;
}

/** Indices of `items` in the order of `day`, ties by position. */
function chronological<T>(items: readonly T[], day: (item: T) => number): number[] {
  return items.map((_, k) => k).sort((a, b) => day(items[a] as T) - day(items[b] as T) || a - b);
}

function assemble(
  drafts: readonly PartnerDraft[],
  extras: readonly PartnerExtras[],
  simulation: SimulationResult,
  ref: Reference,
  rng: Rng,
): Omit<DemoAlliance, 'options'> {
  const partnerId = idMaker('p', drafts.length);
  const eventOrder = chronological(simulation.events, (e) => e.day);
  const eventIdOf = new Map<number, string>();
  const eventId = idMaker('e', eventOrder.length);
  eventOrder.forEach((index, n) => eventIdOf.set(index, eventId(n)));
  const events = eventOrder.map((index) => {
    const e = simulation.events[index] as SimulationResult['events'][number];
    return {
      id: eventIdOf.get(index) as string,
      kind: e.kind,
      title: e.title,
      date: fromDay(e.day),
    };
  });
  const districts = new Map(ref.districts.map((d) => [d.key, d]));
  const coopOrder = chronological(simulation.cooperations, (c) => c.startDay);
  const coopId = idMaker('c', coopOrder.length);
  const cooperations = coopOrder.map((index, n): DemoCooperation => {
    const c = simulation.cooperations[index] as CooperationDraft;
    const lead = drafts[c.members[0] as number] as PartnerDraft;
    return {
      id: coopId(n),
      title: cooperationTitle(rng, c, districts.get(lead.district) as District),
      kind: c.kind,
      status: c.status,
      startedOn: fromDay(c.startDay),
      endedOn: c.endDay === null ? null : fromDay(c.endDay),
      funding: c.funded ? 'DEMOKRATIE_LEBEN' : null,
      participants: c.members.map((i, k) => ({
        partnerId: partnerId(i),
        role: k === 0 ? 'LEAD' : 'PARTNER',
      })),
      dimensions: c.dimensions,
      partOf: c.partOf === null ? null : (eventIdOf.get(c.partOf) ?? null),
    };
  });
  const attendances = simulation.attendances.map((a) => ({
    partnerId: partnerId(a.partner),
    eventId: eventIdOf.get(a.event) as string,
  }));
  const partners = drafts.map((d, i) => toPartner(d, extras[i] as PartnerExtras, partnerId(i)));
  countActivity(partners, cooperations, attendances, events);
  return { partners, cooperations, events, attendances };
}

function cooperationTitle(rng: Rng, c: CooperationDraft, district: District): string {
  switch (c.kind) {
    case 'DIVERSITY_COOPERATION':
      return diversityTitle(rng, c.dimensions, district);
    case 'NETWORK_PROJECT':
      return networkTitle(rng, c.dimensions, district);
    case 'ACTION_DAY_EVENT':
      return actionDayTitle(rng, c.dimensions, district);
  }
}

function toPartner(d: PartnerDraft, extras: PartnerExtras, id: string): DemoPartner {
  const joinedOn = fromDay(d.joinDay);
  return {
    id,
    name: d.name,
    sector: d.sector,
    kind: d.kind,
    status: d.status,
    joinedOn,
    description: d.description,
    website: d.website,
    contactName: d.contactName,
    contactEmail: d.contactEmail,
    contactPhone: d.contactPhone,
    internalNotes: d.internalNotes,
    version: 1,
    cooperationCount: 0,
    lastActiveOn: joinedOn,
    engagements: [...d.engagements],
    topics: [...d.topics],
    district: d.district,
    scope: extras.scope,
    offers: extras.resources.offers,
    needs: extras.resources.needs,
  };
}

/**
 * Sets `cooperationCount` (number of cooperations) and `lastActiveOn` (latest of joinedOn, a
 * cooperation's start, an attended event's date) the way docs/graph-model.md defines them.
 */
function countActivity(
  partners: DemoPartner[],
  cooperations: readonly DemoCooperation[],
  attendances: readonly { partnerId: string; eventId: string }[],
  events: readonly { id: string; date: string }[],
): void {
  const byId = new Map(partners.map((p) => [p.id, p]));
  const touch = (id: string, date: string) => {
    const p = byId.get(id);
    if (p && date > p.lastActiveOn) p.lastActiveOn = date;
  };
  for (const c of cooperations) {
    for (const { partnerId } of c.participants) {
      const p = byId.get(partnerId);
      if (p) p.cooperationCount += 1;
      touch(partnerId, c.startedOn);
    }
  }
  const dates = new Map(events.map((e) => [e.id, e.date]));
  for (const a of attendances) touch(a.partnerId, dates.get(a.eventId) ?? '');
}
