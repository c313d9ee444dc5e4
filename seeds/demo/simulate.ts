import { actionDayCooperations } from './action-days';
import { type CooperationDraft, type CooperationSlot, fundedCooperation } from './cooperations';
import { dayOf, toDay } from './dates';
import type { AllianceNetwork } from './network';
import { ALLIANCE_FOUNDED, NETWORK_PROJECTS_FROM, PROCESS } from './parameters';
import { type ActionDaysPlan, allianceYears, type DemoPlan } from './plan';
import type { Rng } from './rng';
import { meetingTitle, trainingTitle } from './text';
import type { EventKind } from './types';

/** An event before it has an id. */
export interface EventDraft {
  kind: EventKind;
  title: string;
  day: number;
}

/** One `ATTENDED`: partner index and event index. */
export interface AttendanceDraft {
  partner: number;
  event: number;
}

/** Something that happens on a day; the simulation handles them in time order. */
type Happening =
  | { type: 'funded'; day: number; slot: CooperationSlot }
  | { type: 'actionDays'; day: number; plan: ActionDaysPlan }
  | { type: 'meeting' | 'training'; day: number; title: string };

/** What the simulation produced. */
export interface SimulationResult {
  cooperations: CooperationDraft[];
  events: EventDraft[];
  attendances: AttendanceDraft[];
}

/**
 * Start and end of the funded cooperations: ended ones spread evenly over their programme's
 * years (and over before `asOf`), the currently funded ones started within the last months.
 */
function fundedSlots(rng: Rng, plan: DemoPlan, asOf: number): CooperationSlot[] {
  const slots: CooperationSlot[] = [];
  const add = (
    kind: CooperationSlot['kind'],
    count: number,
    from: number,
    to: number,
    duration: [number, number] | null,
  ) => {
    for (let k = 0; k < count; k += 1) {
      const startDay = rng.int(from, to);
      const endDay = duration ? startDay + rng.int(duration[0], duration[1]) : null;
      slots.push({ kind, status: duration ? 'ENDED' : 'ACTIVE', startDay, endDay });
    }
  };
  const d = plan.diversity;
  add('DIVERSITY_COOPERATION', d.total - d.funded, dayOf(2016, 9, 1), asOf - 400, [180, 365]);
  add('DIVERSITY_COOPERATION', d.funded, asOf - 300, asOf - 14, null);
  const n = plan.network;
  add('NETWORK_PROJECT', n.total - n.funded, toDay(NETWORK_PROJECTS_FROM), asOf - 560, [270, 540]);
  add('NETWORK_PROJECT', n.funded, asOf - 420, asOf - 30, null);
  return slots;
}

const SEASONS = {
  spring: [3, 1, 4, 30],
  summer: [6, 25, 7, 25],
  winter: [11, 15, 12, 12],
} as const;

/** 2–3 alliance meetings a year (times the event multiplier), up to `asOf`. */
function meetings(rng: Rng, plan: DemoPlan, asOf: number): Happening[] {
  const founded = toDay(ALLIANCE_FOUNDED);
  const found: Happening[] = [];
  for (const year of allianceYears(asOf)) {
    const seasons: (keyof typeof SEASONS)[] =
      year === 2016
        ? ['summer', 'winter']
        : rng.chance(0.5)
          ? ['spring', 'winter']
          : ['spring', 'summer', 'winter'];
    for (const season of seasons) {
      const [m1, d1, m2, d2] = SEASONS[season];
      for (let k = 0; k < plan.eventMultiplier; k += 1) {
        const day = Math.max(founded + 10, rng.int(dayOf(year, m1, d1), dayOf(year, m2, d2)));
        const number = plan.eventMultiplier > 1 ? k + 1 : null;
        if (day <= asOf)
          found.push({ type: 'meeting', day, title: meetingTitle(season, year, number) });
      }
    }
  }
  return found;
}

/** A few einander.Qualifizierungen a year, up to `asOf`. */
function trainings(rng: Rng, plan: DemoPlan, asOf: number): Happening[] {
  const first = toDay(ALLIANCE_FOUNDED) + 60;
  const found: Happening[] = [];
  for (const year of allianceYears(asOf)) {
    const perYear =
      year === 2016
        ? rng.int(1, 2)
        : rng.int(PROCESS.trainingsPerYear.min, PROCESS.trainingsPerYear.max);
    for (let k = 0; k < perYear * plan.eventMultiplier; k += 1) {
      const day = rng.int(Math.max(first, dayOf(year, 2, 1)), dayOf(year, 11, 30));
      if (day <= asOf) found.push({ type: 'training', day, title: trainingTitle(rng) });
    }
  }
  return found;
}

/** Everything that will happen, in time order (ties keep the order of creation). */
function schedule(rng: Rng, plan: DemoPlan, asOf: number): Happening[] {
  const happenings: Happening[] = [
    ...fundedSlots(rng, plan, asOf).map((slot) => ({
      type: 'funded' as const,
      day: slot.startDay,
      slot,
    })),
    ...plan.actionDays.map((p) => ({
      type: 'actionDays' as const,
      day: dayOf(p.year, 9, 20) + rng.int(0, 25),
      plan: p,
    })),
    ...meetings(rng, plan, asOf),
    ...trainings(rng, plan, asOf),
  ];
  return happenings
    .map((h, k) => ({ h, k }))
    .sort((a, b) => a.h.day - b.h.day || a.k - b.k)
    .map(({ h }) => h);
}

/**
 * Distinct attendees of one event: some drawn uniformly, the others ∝ 1 + prior activity
 * (cooperations and attendances).
 */
function attend(network: AllianceNetwork, rng: Rng, day: number, size: number): number[] {
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < size && tries < size * 20; tries += 1) {
    const open = (c: number) => !chosen.has(c);
    const i = rng.chance(PROCESS.attendanceUniformShare)
      ? network.drawUniform(rng, day, open)
      : network.drawAttached(rng, day, 'activity', open);
    if (i !== undefined) chosen.add(i);
  }
  for (const i of chosen) network.recordAttendance(i);
  return [...chosen];
}

function attendanceSize(network: AllianceNetwork, rng: Rng, plan: DemoPlan, h: Happening): number {
  if (h.type === 'training')
    return rng.int(PROCESS.trainingAttendance.min, PROCESS.trainingAttendance.max);
  const share = rng.between(PROCESS.meetingAttendance.min, PROCESS.meetingAttendance.max);
  return Math.max(5, Math.round((network.joinedCount(h.day) * share) / plan.eventMultiplier));
}

/**
 * Runs the alliance from June 2016 to `asOf`, one happening after the other, so that every draw
 * sees only the cooperations and attendances before it.
 */
export function simulate(
  network: AllianceNetwork,
  rng: Rng,
  plan: DemoPlan,
  asOf: number,
): SimulationResult {
  const result: SimulationResult = { cooperations: [], events: [], attendances: [] };
  for (const h of schedule(rng, plan, asOf)) {
    switch (h.type) {
      case 'funded':
        result.cooperations.push(fundedCooperation(network, rng, h.slot));
        break;
      case 'actionDays': {
        const event =
          result.events.push({
            kind: 'ACTION_DAYS',
            title: `einander.Aktionstage ${h.plan.year}`,
            day: h.day,
          }) - 1;
        result.cooperations.push(...actionDayCooperations(network, rng, h.plan, h.day, event));
        break;
      }
      case 'meeting':
      case 'training': {
        const kind = h.type === 'meeting' ? 'ALLIANCE_MEETING' : 'TRAINING';
        const event = result.events.push({ kind, title: h.title, day: h.day }) - 1;
        for (const partner of attend(network, rng, h.day, attendanceSize(network, rng, plan, h))) {
          result.attendances.push({ partner, event });
        }
        break;
      }
    }
  }
  return result;
}
