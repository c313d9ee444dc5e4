import type { CooperationRecord, Participant, PartnerRecord } from './model';

/**
 * What the import compares to decide whether a partner changed: its properties and the
 * relationships the partners file describes, with lists sorted. Derived properties
 * (`version`, `cooperationCount`, `lastActiveOn`) are not part of it.
 */
export interface PartnerState {
  name: string;
  sector: string;
  kind: string;
  status: string;
  joinedOn: string;
  description: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  district: string | null;
  topics: string[];
  /** `dimension:PERSPECTIVE`, sorted */
  engagements: string[];
}

/** What the import compares to decide whether a cooperation changed (see {@link PartnerState}). */
export interface CooperationState {
  title: string;
  kind: string;
  status: string;
  startedOn: string;
  endedOn: string | null;
  funding: string | null;
  /** `partnerId:ROLE`, sorted */
  participants: string[];
  dimensions: string[];
}

/** The rows of one file sorted into what the import does with them. */
export interface Changes<T> {
  create: T[];
  update: T[];
  /** Rows equal to what the graph holds; they are not written (and keep their version). */
  unchanged: T[];
}

/** Everything one import will write. */
export interface ImportPlan {
  partners: Changes<PartnerRecord>;
  cooperations: Changes<CooperationRecord>;
  /**
   * Partners whose `cooperationCount` and `lastActiveOn` must be recomputed: written partners
   * and every partner that joins or leaves a written cooperation. Sorted.
   */
  touchedPartnerIds: string[];
}

/** The graph's current state of the ids in the files; absent ids are new. */
export interface CurrentState {
  partners: ReadonlyMap<string, PartnerState>;
  cooperations: ReadonlyMap<string, CooperationState>;
}

/** The comparable state of a validated partners.csv row. */
export function partnerState(record: PartnerRecord): PartnerState {
  return {
    name: record.name,
    sector: record.sector,
    kind: record.kind,
    status: record.status,
    joinedOn: record.joinedOn,
    description: record.description,
    website: record.website,
    contactName: record.contactName,
    contactEmail: record.contactEmail,
    contactPhone: record.contactPhone,
    district: record.district,
    topics: [...record.topics].sort(),
    engagements: record.engagements.map((e) => `${e.dimension}:${e.perspective}`).sort(),
  };
}

/** The comparable state of a validated cooperations.csv row. */
export function cooperationState(record: CooperationRecord): CooperationState {
  return {
    title: record.title,
    kind: record.kind,
    status: record.status,
    startedOn: record.startedOn,
    endedOn: record.endedOn,
    funding: record.funding,
    participants: record.participants.map(participantKey).sort(),
    dimensions: [...record.dimensions].sort(),
  };
}

/** Whether two states are equal, property by property, independent of key order. */
export function sameState<T extends object>(a: T, b: T): boolean {
  const canonical = (state: T) => JSON.stringify(state, Object.keys(state).sort());
  return canonical(a) === canonical(b);
}

/**
 * Decides per row whether it creates, updates or leaves a node as it is. Pure.
 *
 * @param partners - validated partners.csv rows
 * @param cooperations - validated cooperations.csv rows
 * @param current - what the graph holds for the ids of both files
 */
export function planImport(
  partners: readonly PartnerRecord[],
  cooperations: readonly CooperationRecord[],
  current: CurrentState,
): ImportPlan {
  const partnerChanges = sortOut(partners, current.partners, partnerState);
  const cooperationChanges = sortOut(cooperations, current.cooperations, cooperationState);
  const touched = new Set([...partnerChanges.create, ...partnerChanges.update].map((p) => p.id));
  for (const cooperation of [...cooperationChanges.create, ...cooperationChanges.update]) {
    for (const p of cooperation.participants) touched.add(p.partnerId);
    for (const key of current.cooperations.get(cooperation.id)?.participants ?? []) {
      touched.add(partnerIdOf(key));
    }
  }
  return {
    partners: partnerChanges,
    cooperations: cooperationChanges,
    touchedPartnerIds: [...touched].sort(),
  };
}

function sortOut<T extends { id: string }, S extends object>(
  records: readonly T[],
  current: ReadonlyMap<string, S>,
  stateOf: (record: T) => S,
): Changes<T> {
  const changes: Changes<T> = { create: [], update: [], unchanged: [] };
  for (const record of records) {
    const before = current.get(record.id);
    if (before === undefined) changes.create.push(record);
    else if (sameState(before, stateOf(record))) changes.unchanged.push(record);
    else changes.update.push(record);
  }
  return changes;
}

function participantKey(participant: Participant): string {
  return `${participant.partnerId}:${participant.role}`;
}

// Partner ids cannot contain ':' (validated), so the last ':' separates the role.
function partnerIdOf(key: string): string {
  return key.slice(0, key.lastIndexOf(':'));
}
