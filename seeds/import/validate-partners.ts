import type { Engagement, Perspective } from '../../src/cooperations/cross-dimension-rule';
import { RowReader, quote, splitPair } from './fields';
import {
  type ImportError,
  PARTNER_KINDS,
  PARTNER_STATUSES,
  PERSPECTIVES,
  type PartnerRecord,
  SECTORS,
} from './model';
import type { RawRow } from './parse';
import { type KeySet, type ReferenceKeys, unknownKeyMessage } from './reference';

/** The outcome of checking one row of partners.csv. */
export interface PartnerRowResult {
  /** The row as a record when every cell is fine. */
  record?: PartnerRecord;
  /** The row's id when its id cell is readable, even if other cells are bad. */
  id?: string;
  errors: ImportError[];
}

/**
 * Checks one row of partners.csv against the column layout, the enums of docs/graph-model.md and
 * the reference keys. Pure. Ids are checked for uniqueness by the caller, across rows.
 */
export function validatePartnerRow(
  file: string,
  row: RawRow,
  reference: ReferenceKeys,
): PartnerRowResult {
  const cells = new RowReader(file, row);
  const record = {
    line: row.line,
    id: cells.id('id'),
    name: cells.required('name'),
    sector: cells.oneOf('sector', SECTORS),
    kind: cells.oneOf('kind', PARTNER_KINDS),
    status: cells.oneOf('status', PARTNER_STATUSES),
    joinedOn: cells.date('joinedOn'),
    district: readDistrict(cells, reference.districts),
    topics: readKeys(cells, 'topics', reference.topics),
    engagements: readEngagements(cells, reference.dimensions),
    description: cells.optional('description'),
    website: cells.website('website'),
    contactName: cells.optional('contactName'),
    contactEmail: cells.email('contactEmail'),
    contactPhone: cells.phone('contactPhone'),
  };
  const id = record.id;
  if (cells.errors.length > 0) return { id, errors: cells.errors };
  // Every getter that yields `undefined` has recorded an error, so no error means no gaps.
  return { id, record: record as PartnerRecord, errors: [] };
}

function readDistrict(cells: RowReader, districts: KeySet): string | null | undefined {
  const value = cells.optional('district');
  if (value === null || districts.keys.has(value)) return value;
  return cells.fail('district', unknownKeyMessage(districts, value));
}

/** A `;`-list of reference keys; each must exist. */
export function readKeys(cells: RowReader, column: string, set: KeySet): string[] | undefined {
  const items = cells.list(column);
  if (items === undefined) return undefined;
  const unknown = items.filter((key) => !set.keys.has(key));
  for (const key of unknown) cells.fail(column, unknownKeyMessage(set, key));
  return unknown.length === 0 ? items : undefined;
}

/** The `dimensionKey:PERSPECTIVE` list of a partner, e.g. `age:COMMUNITY;gender:ADVOCACY`. */
function readEngagements(cells: RowReader, dimensions: KeySet): Engagement[] | undefined {
  const items = cells.list('dimensions');
  if (items === undefined) return undefined;
  const engagements = items.map((item) => readEngagement(cells, item, dimensions));
  return engagements.every((e) => e !== undefined) ? engagements : undefined;
}

function readEngagement(cells: RowReader, item: string, dimensions: KeySet) {
  const pair = splitPair(item);
  if (pair === undefined) {
    return cells.fail(
      'dimensions',
      `expected dimensionKey:PERSPECTIVE such as age:COMMUNITY, got ${quote(item)}`,
    );
  }
  const [dimension, perspective] = pair;
  if (!dimensions.keys.has(dimension)) {
    return cells.fail('dimensions', unknownKeyMessage(dimensions, dimension));
  }
  if (!(PERSPECTIVES as readonly string[]).includes(perspective)) {
    return cells.fail(
      'dimensions',
      `expected a perspective ${PERSPECTIVES.join(', ')} after "${dimension}:", got ${quote(perspective)}`,
    );
  }
  return { dimension, perspective: perspective as Perspective };
}
