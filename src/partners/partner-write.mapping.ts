/** Pure mappings of the partner writes: inputs → property changes and relationship lists. */
import { createHash } from 'node:crypto';
import { toTermQuery } from '../common/lucene';
import type { FieldProblem } from '../common/validation';
import type { OfferNeedList, OfferNeedRow } from './offer-need.repository';
import type { OfferOrNeedInput } from './offer-need.inputs';
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
 * The profile properties an update sets. `contactName`, `contactEmail` and `scope` cannot be
 * cleared (null keeps them); the other properties are cleared by `null`.
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
  // A scope cannot be cleared: a partner always has one.
  if (input.scope != null) changes.scope = input.scope;
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

/** The offer and need lists an input asks to replace, as the nodes to write. */
export type OfferNeedLists = Partial<Record<OfferNeedList, OfferNeedRow[]>>;

/**
 * The offer and need lists an input asks to replace: absent or `null` keeps a list, `[]` empties
 * it. Texts are stored trimmed, each with its term query (`toTermQuery`), computed here so that
 * Cypher never builds a query from text; `position` keeps the partner's order.
 *
 * @throws Error when a text has no word: the input validation refuses such texts before
 */
export function offerNeedLists(input: {
  offers?: OfferOrNeedInput[] | null;
  needs?: OfferOrNeedInput[] | null;
}): OfferNeedLists {
  const lists: OfferNeedLists = {};
  for (const list of ['offers', 'needs'] as const) {
    const items = input[list];
    if (items == null) continue;
    lists[list] = items.map((item, position) => {
      const text = item.text.trim();
      const query = toTermQuery(text);
      if (query === null) throw new Error(`expected a validated ${list} text with a word`);
      return { text, query, topicKeys: item.topicKeys ?? [], position };
    });
  }
  return lists;
}

/** Every topic key the lists name, once each. */
export function offerNeedTopicKeys(lists: OfferNeedLists): string[] {
  const keys = Object.values(lists).flatMap((rows) => rows.flatMap((row) => row.topicKeys));
  return [...new Set(keys)];
}

/** The problems of topic keys that name no topic, with paths such as `input.offers[2].topicKeys[0]`. */
export function unknownOfferNeedTopics(
  lists: OfferNeedLists,
  found: ReadonlySet<string>,
): FieldProblem[] {
  return Object.entries(lists).flatMap(([list, rows]) =>
    rows.flatMap((row) =>
      row.topicKeys.flatMap((key, index) =>
        found.has(key)
          ? []
          : [
              {
                path: `input.${list}[${row.position}].topicKeys[${index}]`,
                reason: `expected a known topic key, got ${JSON.stringify(key)}`,
              },
            ],
      ),
    ),
  );
}
