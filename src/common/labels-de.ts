// Type-only imports: the network worker loads this file and must stay free of type-graphql.
import type { CooperationKind } from '../cooperations/cooperation.types';
import type {
  PartnerKind,
  PartnerScope,
  PartnerStatus,
  Perspective,
  Sector,
} from '../partners/partner.types';

/**
 * German words for the codes people read in files made for them (the German CSVs and the xlsx
 * export): one place, so a spreadsheet, a letter and a future page use the same words.
 * Dimensions and topics have their German names in the graph (`nameDe`); these codes do not.
 */

/** Sektor. */
export const SECTOR_DE: Readonly<Record<Sector, string>> = {
  CIVIL_SOCIETY: 'Zivilgesellschaft',
  BUSINESS: 'Wirtschaft',
  POLITICS: 'Politik',
  ADMINISTRATION: 'Verwaltung',
};

/** Art der Organisation. */
export const PARTNER_KIND_DE: Readonly<Record<PartnerKind, string>> = {
  ASSOCIATION: 'Verein',
  MIGRANT_ORGANISATION: 'Migrantenselbstorganisation',
  RELIGIOUS_COMMUNITY: 'Religionsgemeinschaft',
  EDUCATION: 'Bildungseinrichtung',
  SOCIAL_SERVICE: 'Sozialer Träger',
  CULTURE: 'Kultureinrichtung',
  SPORTS_CLUB: 'Sportverein',
  YOUTH_ORGANISATION: 'Jugendorganisation',
  COMPANY: 'Unternehmen',
  CHAMBER_OR_UNION: 'Kammer oder Gewerkschaft',
  PARTY_OR_FACTION: 'Partei oder Fraktion',
  PUBLIC_AUTHORITY: 'Verwaltung oder Behörde',
  FOUNDATION: 'Stiftung',
  INITIATIVE: 'Initiative',
};

/** Status der Mitgliedschaft. */
export const PARTNER_STATUS_DE: Readonly<Record<PartnerStatus, string>> = {
  APPLIED: 'beantragt',
  ACTIVE: 'aktiv',
  PAUSED: 'pausiert',
  LEFT: 'ausgetreten',
};

/** Perspektive eines Engagements (the words of the matching's reasons, src/matching/reasons.ts). */
export const PERSPECTIVE_DE: Readonly<Record<Perspective, string>> = {
  COMMUNITY: 'Community',
  ADVOCACY: 'Interessenvertretung',
  SERVICE: 'Soziale Dienstleistung',
};

/** Wirkungsbereich. */
export const PARTNER_SCOPE_DE: Readonly<Record<PartnerScope, string>> = {
  NEIGHBOURHOOD: 'Stadtteil',
  BOROUGH: 'Stadtbezirk',
  CITY: 'ganze Stadt',
};

/** Art der Kooperation. */
export const COOPERATION_KIND_DE: Readonly<Record<CooperationKind, string>> = {
  DIVERSITY_COOPERATION: 'Vielfaltskooperation',
  NETWORK_PROJECT: 'Netzwerkprojekt',
  ACTION_DAY_EVENT: 'Veranstaltung der Aktionstage',
};

/** Art eines Knotens im Netzwerk. */
export const NETWORK_NODE_KIND_DE: Readonly<
  Record<'PARTNER' | 'COOPERATION' | 'DIMENSION', string>
> = {
  PARTNER: 'Partner',
  COOPERATION: 'Kooperation',
  DIMENSION: 'Vielfaltsdimension',
};

/**
 * The German word for a code of one of the maps above; an unknown code (data written before a
 * value was added) stays as it is rather than vanishing from a file.
 */
export function germanLabel(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code] as string) : code;
}
