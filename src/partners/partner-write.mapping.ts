/** Pure mappings of the partner writes: inputs → property changes and relationship lists. */
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../common/validation';
import type { EngagementRef, ProfileChanges, ReferenceKind } from './partner-write.repository';
import type { UpdatePartnerProfileInput } from './partner.inputs';

/** The relationship lists of an input, keyed by the relationship kind they replace. */
export interface ReferenceLists {
  topics?: { key: string }[];
  district?: { key: string }[];
  dimensions?: EngagementRef[];
}

/** Per relationship kind: the input field that lists it, and the word for one key. */
const INPUT_FIELD: Record<ReferenceKind, { field: string; noun: string }> = {
  topics: { field: 'topicKeys', noun: 'topic' },
  district: { field: 'districtKey', noun: 'district' },
  dimensions: { field: 'dimensions', noun: 'dimension' },
};

/** The name an erased partner keeps: stable for the same id, reveals nothing about it. */
export function anonymisedName(id: string): string {
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `Anonymisierte Organisation ${hash}`;
}

/**
 * The relationship lists an input asks to replace: absent (or, for lists, `null`) means keep;
 * `districtKey: null` means remove the district.
 */
export function referenceLists(input: Partial<UpdatePartnerProfileInput>): ReferenceLists {
  const lists: ReferenceLists = {};
  if (input.topicKeys != null) lists.topics = input.topicKeys.map((key) => ({ key }));
  if (input.districtKey !== undefined) {
    lists.district = input.districtKey === null ? [] : [{ key: input.districtKey }];
  }
  if (input.dimensions != null) {
    lists.dimensions = input.dimensions.map(({ key, perspective }) => ({ key, perspective }));
  }
  return lists;
}

/**
 * The profile properties an update sets. `contactName` and `contactEmail` cannot be cleared
 * (null keeps them); the other properties are cleared by `null`.
 */
export function profileChanges(input: UpdatePartnerProfileInput): ProfileChanges {
  const changes: ProfileChanges = {};
  for (const key of ['description', 'website', 'contactPhone'] as const) {
    if (input[key] !== undefined) changes[key] = input[key] ?? null;
  }
  for (const key of ['contactName', 'contactEmail'] as const) {
    const value = input[key];
    if (value != null) changes[key] = value;
  }
  return changes;
}

/** The problems of the keys that matched no node, with their input paths. */
export function unknownKeys(
  kind: ReferenceKind,
  rows: readonly { key: string }[],
  found: ReadonlySet<string>,
): FieldProblem[] {
  const { field, noun } = INPUT_FIELD[kind];
  return rows.flatMap((row, index) => {
    if (found.has(row.key)) return [];
    const item = kind === 'district' ? '' : `[${index}]`;
    const suffix = kind === 'dimensions' ? '.key' : '';
    const reason = `expected a known ${noun} key, got ${JSON.stringify(row.key)}`;
    return [{ path: `input.${field}${item}${suffix}`, reason }];
  });
}
