import {
  CooperationKind,
  ParticipationRole,
  REAL_COOPERATION_STATUSES,
} from '../../src/cooperations/cooperation.types';
import type { Engagement, Perspective } from '../../src/cooperations/cross-dimension-rule';
import {
  PartnerKind,
  PartnerStatus,
  Perspective as PerspectiveEnum,
  Sector,
} from '../../src/partners/partner.types';

/*
 * The vocabulary of the CSV import: the enums of docs/graph-model.md, the column layout of
 * docs/csv-import.md, and the records and errors the import passes between its steps.
 */

/** `Partner.sector` values (docs/graph-model.md), from the API's enum. */
export const SECTORS = Object.values(Sector);

/** `Partner.kind` values, from the API's enum. */
export const PARTNER_KINDS = Object.values(PartnerKind);

/** `Partner.status` values, from the API's enum. */
export const PARTNER_STATUSES = Object.values(PartnerStatus);

/** `ENGAGES_IN.perspective` values; typed as the cross-dimension rule's {@link Perspective}. */
export const PERSPECTIVES: readonly Perspective[] = Object.values(PerspectiveEnum);

/** `Cooperation.kind` values, from the API's enum. */
export const COOPERATION_KINDS = Object.values(CooperationKind);

/**
 * `Cooperation.status` values an import may hold: real cooperations only (ACTIVE, ENDED). The
 * import links partners by PARTICIPATES_IN, which only real cooperations have; proposals are
 * made and decided in the API (docs/follow-through.md#proposals).
 */
export const COOPERATION_STATUSES = [...REAL_COOPERATION_STATUSES];

/** `Cooperation.funding` values; an empty cell means "not funded" (null). */
export const FUNDINGS = ['DEMOKRATIE_LEBEN'] as const;

/** `PARTICIPATES_IN.role` values. */
export const ROLES = Object.values(ParticipationRole);

/** A participant's role in a cooperation. */
export type Role = `${ParticipationRole}`;

/** One column of a CSV file: its header name and whether a row must fill it. */
export interface ColumnSpec {
  name: string;
  required: boolean;
}

/**
 * The columns of partners.csv, in the documented order. Required columns must be in the header
 * and filled in every row; optional columns may be left out of the header altogether.
 */
export const PARTNER_COLUMNS: readonly ColumnSpec[] = [
  { name: 'id', required: true },
  { name: 'name', required: true },
  { name: 'sector', required: true },
  { name: 'kind', required: true },
  { name: 'status', required: true },
  { name: 'joinedOn', required: true },
  { name: 'district', required: false },
  { name: 'topics', required: false },
  { name: 'dimensions', required: false },
  { name: 'description', required: false },
  { name: 'website', required: false },
  { name: 'contactName', required: false },
  { name: 'contactEmail', required: false },
  { name: 'contactPhone', required: false },
];

/** The columns of cooperations.csv, in the documented order (see {@link PARTNER_COLUMNS}). */
export const COOPERATION_COLUMNS: readonly ColumnSpec[] = [
  { name: 'id', required: true },
  { name: 'title', required: true },
  { name: 'kind', required: true },
  { name: 'status', required: true },
  { name: 'startedOn', required: true },
  { name: 'endedOn', required: false },
  { name: 'funding', required: false },
  { name: 'partners', required: true },
  { name: 'dimensions', required: false },
];

/** One problem found in an input file. `line` is 1-based; a row's line is where it starts. */
export interface ImportError {
  file: string;
  line: number;
  /** The column the problem is in; absent for problems of the file's structure. */
  column?: string;
  message: string;
}

/**
 * Formats an error the way the CLI prints it, e.g.
 * `partners.csv line 7, column sector: expected one of CIVIL_SOCIETY, …, got "NGO"`.
 */
export function formatImportError(error: ImportError): string {
  const where = error.column === undefined ? '' : `, column ${error.column}`;
  return `${error.file} line ${error.line}${where}: ${error.message}`;
}

/** Orders errors by file, then line, so that a report reads top to bottom. */
export function compareImportErrors(a: ImportError, b: ImportError): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

/** A row of partners.csv that passed validation; empty optional cells are `null`. */
export interface PartnerRecord {
  line: number;
  id: string;
  name: string;
  sector: string;
  kind: string;
  status: string;
  /** `YYYY-MM-DD` */
  joinedOn: string;
  district: string | null;
  topics: string[];
  engagements: Engagement[];
  description: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** One partner of a cooperation and its role. */
export interface Participant {
  partnerId: string;
  role: Role;
}

/** A row of cooperations.csv that passed validation; empty optional cells are `null`. */
export interface CooperationRecord {
  line: number;
  id: string;
  title: string;
  kind: string;
  status: string;
  /** `YYYY-MM-DD` */
  startedOn: string;
  endedOn: string | null;
  funding: string | null;
  participants: Participant[];
  dimensions: string[];
}
