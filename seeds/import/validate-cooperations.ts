import {
  type Engagement,
  checkCrossDimensionRule,
} from '../../src/cooperations/cross-dimension-rule';
import { RowReader, quote, splitPair } from './fields';
import {
  COOPERATION_KINDS,
  COOPERATION_STATUSES,
  type CooperationRecord,
  FUNDINGS,
  type ImportError,
  type Participant,
  ROLES,
  type Role,
} from './model';
import type { RawRow } from './parse';
import type { ReferenceKeys } from './reference';
import { readKeys } from './validate-partners';

/**
 * The partners a cooperation may name: from partners.csv or the database, each with its
 * engagements, or `null` when they are unknown (its row in partners.csv has errors).
 */
export type PartnerProfiles = ReadonlyMap<string, readonly Engagement[] | null>;

/** The outcome of checking one row of cooperations.csv. */
export interface CooperationRowResult {
  record?: CooperationRecord;
  id?: string;
  errors: ImportError[];
}

const RULE = 'DIVERSITY_COOPERATION (cross-dimension rule)';

/**
 * Checks one row of cooperations.csv: the column layout, enums, dates (endedOn not before
 * startedOn, set once ENDED), reference keys, the partners (known, each once, exactly one LEAD)
 * and, for a DIVERSITY_COOPERATION, the cross-dimension rule over its partners' engagements.
 * Pure. Ids are checked for uniqueness by the caller.
 */
export function validateCooperationRow(
  file: string,
  row: RawRow,
  reference: ReferenceKeys,
  profiles: PartnerProfiles,
): CooperationRowResult {
  const cells = new RowReader(file, row);
  const record = {
    line: row.line,
    id: cells.id('id'),
    title: cells.required('title'),
    kind: cells.oneOf('kind', COOPERATION_KINDS),
    status: cells.oneOf('status', COOPERATION_STATUSES),
    startedOn: cells.date('startedOn'),
    endedOn: cells.optionalDate('endedOn'),
    funding: cells.optionalOneOf('funding', FUNDINGS),
    participants: readParticipants(cells, profiles),
    dimensions: readKeys(cells, 'dimensions', reference.dimensions),
  };
  checkPeriod(cells, record);
  if (record.kind === 'DIVERSITY_COOPERATION' && record.participants) {
    checkRule(cells, record.participants, profiles);
  }
  const id = record.id;
  if (cells.errors.length > 0) return { id, errors: cells.errors };
  // Every getter that yields `undefined` has recorded an error, so no error means no gaps.
  return { id, record: record as CooperationRecord, errors: [] };
}

function checkPeriod(
  cells: RowReader,
  row: { status?: string; startedOn?: string; endedOn?: string | null },
): void {
  if (row.status === 'ENDED' && row.endedOn === null) {
    cells.fail('endedOn', 'expected a date for a cooperation with status ENDED, got an empty cell');
  }
  if (row.startedOn && row.endedOn && row.endedOn < row.startedOn) {
    cells.fail(
      'endedOn',
      `expected a date on or after startedOn ${row.startedOn}, got ${quote(row.endedOn)}`,
    );
  }
}

/** The `partnerId:ROLE` list, e.g. `p-1:LEAD;p-2:PARTNER`: known partners, each once, one LEAD. */
function readParticipants(cells: RowReader, profiles: PartnerProfiles): Participant[] | undefined {
  const items = cells.required('partners') === undefined ? undefined : cells.list('partners');
  if (items === undefined) return undefined;
  const participants = items.map((item) => readParticipant(cells, item, profiles));
  if (!participants.every((p) => p !== undefined)) return undefined;
  const ids = participants.map((p) => p.partnerId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) {
    return cells.fail('partners', `expected each partner once, got ${quote(twice)} twice`);
  }
  const leads = participants.filter((p) => p.role === 'LEAD').length;
  if (leads !== 1) return cells.fail('partners', `expected exactly one LEAD, got ${leads}`);
  return participants;
}

function readParticipant(cells: RowReader, item: string, profiles: PartnerProfiles) {
  const pair = splitPair(item);
  if (pair === undefined) {
    return cells.fail('partners', `expected partnerId:ROLE such as p-1:LEAD, got ${quote(item)}`);
  }
  const [partnerId, role] = pair;
  if (!(ROLES as readonly string[]).includes(role)) {
    return cells.fail(
      'partners',
      `expected a role ${ROLES.join(', ')} after "${partnerId}:", got ${quote(role)}`,
    );
  }
  if (!profiles.has(partnerId)) {
    return cells.fail(
      'partners',
      `expected the id of a partner in the partners file or the database, got ${quote(partnerId)}`,
    );
  }
  return { partnerId, role: role as Role };
}

function checkRule(
  cells: RowReader,
  participants: readonly Participant[],
  profiles: PartnerProfiles,
): void {
  const engagements = participants.map((p) => profiles.get(p.partnerId));
  // A partner whose own row is broken has no trustworthy profile; its row's errors say enough.
  if (!engagements.every((e) => e !== undefined && e !== null)) return;
  const violation = checkCrossDimensionRule(engagements);
  if (violation === null) return;
  const message =
    violation.rule === 'NOTHING_TO_BRING'
      ? `expected every partner to bring a dimension or perspective another partner lacks, but ${quote(participants[violation.partnerIndex]?.partnerId ?? '?')} brings none`
      : violation.message;
  cells.fail('partners', `${RULE}: ${message}`);
}
