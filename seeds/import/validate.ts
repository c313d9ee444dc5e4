import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import type { ReferenceData } from '../reference/load-reference-data';
import { LIST_SEPARATOR, PAIR_SEPARATOR, quote } from './fields';
import {
  COOPERATION_COLUMNS,
  type ColumnSpec,
  type CooperationRecord,
  type ImportError,
  PARTNER_COLUMNS,
  type PartnerRecord,
  compareImportErrors,
} from './model';
import type { ParsedCsv, RawRow } from './parse';
import { type ReferenceKeys, referenceKeys } from './reference';
import { type PartnerProfiles, validateCooperationRow } from './validate-cooperations';
import { validatePartnerRow } from './validate-partners';

/** The parsed input files of one import; either may be left out. */
export interface ImportFiles {
  partners?: ParsedCsv;
  cooperations?: ParsedCsv;
}

/** The result of validating an import: the records to write, or why not to write any. */
export interface ImportValidation {
  partners: PartnerRecord[];
  cooperations: CooperationRecord[];
  /** Every problem of every file, ordered by file and line; non-empty means: write nothing. */
  errors: ImportError[];
}

/**
 * Checks a header against a column layout: every required column present, no unknown and no
 * repeated column. Optional columns may be left out.
 */
export function validateHeader(parsed: ParsedCsv, columns: readonly ColumnSpec[]): ImportError[] {
  if (parsed.header.length === 0) return [];
  const at = (column: string, message: string): ImportError => ({
    file: parsed.file,
    line: parsed.headerLine,
    column,
    message,
  });
  const known = columns.map((c) => c.name);
  const errors = columns
    .filter((c) => c.required && !parsed.header.includes(c.name))
    .map((c) => at(c.name, `expected a header column ${quote(c.name)}, got none`));
  parsed.header.forEach((name, i) => {
    if (!known.includes(name)) {
      errors.push(at(name, `expected one of the columns ${known.join(', ')}, got ${quote(name)}`));
    } else if (parsed.header.indexOf(name) !== i) {
      errors.push(at(name, `expected each column once, got ${quote(name)} twice`));
    }
  });
  return errors;
}

/**
 * The partner ids the cooperations file names that the partners file does not define; the CLI
 * looks these up in the database. Reads the cells leniently: validation reports bad ones.
 */
export function referencedPartnerIds(files: ImportFiles): string[] {
  const defined = new Set(files.partners?.rows.map(rowId) ?? []);
  const referenced = (files.cooperations?.rows ?? []).flatMap((row) =>
    (row.values.partners ?? '')
      .split(LIST_SEPARATOR)
      .map((item) => item.split(PAIR_SEPARATOR)[0]?.trim() ?? ''),
  );
  return [...new Set(referenced)].filter((id) => id !== '' && !defined.has(id)).sort();
}

/**
 * Validates a whole import, both files, before anything is written. Pure: the reference data and
 * the engagements of the partners already in the database are passed in.
 *
 * @param databasePartners - partners of the database the cooperations file may name, with their
 * engagements (from one query for the ids of {@link referencedPartnerIds})
 * @returns the records, and every problem found; when `errors` is not empty nothing may be written
 */
export function validateImport(
  files: ImportFiles,
  reference: ReferenceData,
  databasePartners: ReadonlyMap<string, readonly Engagement[]>,
): ImportValidation {
  const keys = referenceKeys(reference);
  const profiles = new Map<string, readonly Engagement[] | null>(databasePartners);
  const partners = files.partners
    ? checkPartners(files.partners, keys, profiles)
    : { records: [], errors: [] };
  const cooperations = files.cooperations
    ? checkCooperations(files.cooperations, keys, profiles)
    : { records: [], errors: [] };
  return {
    partners: partners.records,
    cooperations: cooperations.records,
    errors: [...partners.errors, ...cooperations.errors].sort(compareImportErrors),
  };
}

interface Checked<T> {
  records: T[];
  errors: ImportError[];
}

/** Validates partners.csv and adds each of its partners to `profiles` (file wins over database). */
function checkPartners(
  parsed: ParsedCsv,
  keys: ReferenceKeys,
  profiles: Map<string, readonly Engagement[] | null>,
): Checked<PartnerRecord> {
  return checkRows(
    parsed,
    PARTNER_COLUMNS,
    (row) => {
      const result = validatePartnerRow(parsed.file, row, keys);
      if (result.id !== undefined) profiles.set(result.id, result.record?.engagements ?? null);
      return result;
    },
    (row) => {
      if (rowId(row) !== '') profiles.set(rowId(row), null);
    },
  );
}

function checkCooperations(
  parsed: ParsedCsv,
  keys: ReferenceKeys,
  profiles: PartnerProfiles,
): Checked<CooperationRecord> {
  return checkRows(parsed, COOPERATION_COLUMNS, (row) =>
    validateCooperationRow(parsed.file, row, keys, profiles),
  );
}

/**
 * The steps shared by both files: structure errors, then the header; with a bad header the rows
 * are not checked (each would repeat the header's problem) but still handed to `unchecked`.
 * Ids must be unique within the file.
 */
function checkRows<T extends { line: number }>(
  parsed: ParsedCsv,
  columns: readonly ColumnSpec[],
  check: (row: RawRow) => { record?: T; id?: string; errors: ImportError[] },
  unchecked: (row: RawRow) => void = () => undefined,
): Checked<T> {
  const headerErrors = validateHeader(parsed, columns);
  const errors = [...parsed.errors, ...headerErrors];
  if (headerErrors.length > 0) {
    parsed.rows.forEach(unchecked);
    return { records: [], errors };
  }
  const records: T[] = [];
  const firstLines = new Map<string, number>();
  for (const row of parsed.rows) {
    const result = check(row);
    errors.push(...result.errors);
    const first = result.id === undefined ? undefined : firstLines.get(result.id);
    if (result.id !== undefined && first !== undefined) {
      errors.push({
        file: parsed.file,
        line: row.line,
        column: 'id',
        message: `expected a unique id, got ${quote(result.id)} again (first on line ${first})`,
      });
    } else if (result.id !== undefined) firstLines.set(result.id, row.line);
    if (result.record) records.push(result.record);
  }
  return { records, errors };
}

function rowId(row: RawRow): string {
  return (row.values.id ?? '').trim();
}
