/**
 * Names for Louvain communities (pure, no I/O): a community is a number to the algorithm, but a
 * coordinator asks "the religious communities' circle?" — so each gets a label from the
 * dimensions and sectors that dominate it, e.g. "Religion & Ethnische Herkunft ·
 * Zivilgesellschaft".
 */
import type { Language } from '../common/language';

/** A share of a community's members (count / size). */
export interface LabelShare {
  key: string;
  count: number;
  /** 0–1. */
  share: number;
}

/** When a dimension or sector is dominant enough to name a community. */
export const LABEL_RULES = {
  /** At most this many dimensions in a label. */
  maxDimensions: 2,
  /** A dimension needs at least this share of the members to name the community. */
  dimensionShare: 0.3,
  /** At most this many sectors in a label. */
  maxSectors: 2,
  /** A sector after the first needs at least this share of the members. */
  secondSectorShare: 0.3,
} as const;

/** Short names of the seven dimensions, for labels (the full names are too long to join). */
export const SHORT_DIMENSION_NAMES: Readonly<Record<string, { de: string; en: string }>> = {
  age: { de: 'Lebensalter', en: 'Age' },
  ethnic_origin: { de: 'Ethnische Herkunft', en: 'Ethnic origin' },
  gender: { de: 'Geschlecht', en: 'Gender' },
  abilities: { de: 'Fähigkeiten', en: 'Abilities' },
  religion: { de: 'Religion', en: 'Religion' },
  sexual_orientation: { de: 'Sexuelle Orientierung', en: 'Sexual orientation' },
  social_origin: { de: 'Soziale Herkunft', en: 'Social origin' },
};

/** The sectors' names, for labels. */
export const SECTOR_NAMES: Readonly<Record<string, { de: string; en: string }>> = {
  CIVIL_SOCIETY: { de: 'Zivilgesellschaft', en: 'Civil society' },
  BUSINESS: { de: 'Wirtschaft', en: 'Business' },
  POLITICS: { de: 'Politik', en: 'Politics' },
  ADMINISTRATION: { de: 'Verwaltung', en: 'Administration' },
};

/** What names a community: its dominant dimension keys and sectors, and the label. */
export interface CommunityLabel {
  dimensionKeys: string[];
  sectors: string[];
  label: string;
}

/** The first share always; later ones while they reach `minShare`, at most `max`. */
function dominant(shares: readonly LabelShare[], max: number, minShare: number): string[] {
  return shares
    .filter((s, i) => s.count > 0 && (i === 0 || s.share >= minShare))
    .slice(0, max)
    .map((s) => s.key);
}

/**
 * The dimensions that set a community apart: among those at least
 * {@link LABEL_RULES}.dimensionShare (30 %) of its members engage in, the ones most over-represented
 * against the whole network (share / network share; ties by share, then key). Without such a
 * dimension, the most frequent one. Age is common everywhere, so raw shares alone would name
 * most communities "Lebensalter".
 */
function distinctive(
  shares: readonly LabelShare[],
  baseline: ReadonlyMap<string, number>,
): string[] {
  const lift = (s: LabelShare) => s.share / Math.max(baseline.get(s.key) ?? s.share, 1e-9);
  const strong = shares
    .filter((s) => s.count > 0 && s.share >= LABEL_RULES.dimensionShare)
    .sort((a, b) => lift(b) - lift(a) || b.share - a.share || (a.key < b.key ? -1 : 1));
  const chosen = strong.length > 0 ? strong : shares.filter((s) => s.count > 0).slice(0, 1);
  return chosen.slice(0, LABEL_RULES.maxDimensions).map((s) => s.key);
}

/**
 * The label of a community from its dimension and sector shares, both ordered most frequent
 * first (as `summariseCommunities` gives them): up to two distinctive dimensions (see
 * `distinctive`: engaged in by at least 30 % of the members, most over-represented against
 * `baseline` first); the top sector, a second one when it holds at least 30 %. Dimensions joined
 * by " & ", sectors by " / ", the two parts by " · ". A community whose members engage in no
 * dimension is named by its sectors alone; an unknown key stays a key.
 *
 * @param baseline - each dimension's share of the whole network (0–1); a missing key counts as
 *   not over-represented
 */
export function communityLabel(
  dimensions: readonly LabelShare[],
  sectors: readonly LabelShare[],
  language: Language,
  baseline: ReadonlyMap<string, number> = new Map(),
): CommunityLabel {
  const dimensionKeys = distinctive(dimensions, baseline);
  const sectorKeys = dominant(sectors, LABEL_RULES.maxSectors, LABEL_RULES.secondSectorShare);
  const name = (names: Readonly<Record<string, { de: string; en: string }>>, key: string) =>
    names[key]?.[language] ?? key;
  const parts = [
    dimensionKeys.map((k) => name(SHORT_DIMENSION_NAMES, k)).join(' & '),
    sectorKeys.map((k) => name(SECTOR_NAMES, k)).join(' / '),
  ].filter((part) => part.length > 0);
  return { dimensionKeys, sectors: sectorKeys, label: parts.join(' · ') };
}
