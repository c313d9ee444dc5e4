import { brings, type Perspective } from '../cooperations/cross-dimension-rule';
import type { NetworkSignals, PartnerProfile } from './matching.model';

/** What a reason is about; stable codes the client can filter or style by. */
export type ReasonCode =
  | 'ADDS_DIMENSION'
  | 'ADDS_PERSPECTIVE'
  | 'SHARED_TOPIC'
  | 'SAME_DISTRICT'
  | 'SAME_BOROUGH'
  | 'COMMON_PARTNERS'
  | 'OTHER_SECTOR'
  | 'NEVER_COOPERATED'
  | 'NO_DIMENSIONS_YET';

/** One human-readable reason why a candidate is suggested, in German and English. */
export interface Reason {
  code: ReasonCode;
  /**
   * The key the reason refers to: a dimension (ADDS_*), a topic, a district or borough, or the
   * candidate's sector; absent when the reason refers to nothing specific.
   */
  ref?: string;
  text: { de: string; en: string };
}

const PERSPECTIVE_LABELS: Readonly<Record<Perspective, { de: string; en: string }>> = {
  COMMUNITY: { de: 'aus der Community', en: 'from within the community' },
  ADVOCACY: { de: 'der Interessenvertretung', en: 'of advocacy' },
  SERVICE: { de: 'der sozialen Dienstleistung', en: 'of service provision' },
};

/**
 * The reasons for suggesting `candidate` to `seeker`, each one true of the given data, in a fixed
 * order (seeker remark, dimensions, perspectives, topics, place, network, sector, exposure) with keys
 * sorted, so the same pair always gets the same list. Keys are given as such; the resolver may
 * replace them with localised names.
 * @returns possibly an empty list, when the candidate shares and adds nothing worth a sentence.
 */
export function explainPair(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  signals: NetworkSignals,
): Reason[] {
  return [
    ...noDimensionsYet(seeker),
    ...addedEngagements(seeker, candidate),
    ...sharedTopics(seeker, candidate),
    ...samePlace(seeker, candidate),
    ...commonPartners(signals),
    ...otherSector(seeker, candidate),
    ...neverCooperated(candidate),
  ];
}

/** Tells a seeker without dimensions why its suggestions rest on topics and proximity. */
function noDimensionsYet(seeker: PartnerProfile): Reason[] {
  if (seeker.engagements.length > 0) return [];
  return [
    {
      code: 'NO_DIMENSIONS_YET',
      text: {
        de: 'Sie haben noch keine Vielfaltsdimension angegeben; die Vorschläge beruhen daher vor allem auf gemeinsamen Themen und räumlicher Nähe.',
        en: 'You have not named any diversity dimension yet, so these suggestions rest mainly on shared topics and proximity.',
      },
    },
  ];
}

function addedEngagements(seeker: PartnerProfile, candidate: PartnerProfile): Reason[] {
  const seekerDimensions = new Set(seeker.engagements.map((e) => e.dimension));
  const added = brings(candidate.engagements, seeker.engagements);
  const newDimensions = sortedUnique(
    added.filter((e) => !seekerDimensions.has(e.dimension)).map((e) => e.dimension),
  );
  const newPerspectives = added
    .filter((e) => seekerDimensions.has(e.dimension))
    .sort((a, b) => compare(`${a.dimension}/${a.perspective}`, `${b.dimension}/${b.perspective}`));
  return [
    ...newDimensions.map((dimension) => ({
      code: 'ADDS_DIMENSION' as const,
      ref: dimension,
      text: {
        de: `Bringt die Dimension „${dimension}“ ein, die Sie noch nicht abdecken.`,
        en: `Brings the dimension “${dimension}”, which you do not cover yet.`,
      },
    })),
    ...newPerspectives.map(({ dimension, perspective }) => ({
      code: 'ADDS_PERSPECTIVE' as const,
      ref: dimension,
      text: {
        de: `Bringt zur Dimension „${dimension}“ die Perspektive ${PERSPECTIVE_LABELS[perspective].de} ein.`,
        en: `Adds the perspective ${PERSPECTIVE_LABELS[perspective].en} to the dimension “${dimension}”.`,
      },
    })),
  ];
}

function sharedTopics(seeker: PartnerProfile, candidate: PartnerProfile): Reason[] {
  const candidateTopics = new Set(candidate.topics);
  return sortedUnique(seeker.topics.filter((topic) => candidateTopics.has(topic))).map((topic) => ({
    code: 'SHARED_TOPIC',
    ref: topic,
    text: {
      de: `Ist wie Sie im Themenfeld „${topic}“ aktiv.`,
      en: `Is active in the topic “${topic}”, as you are.`,
    },
  }));
}

/** One reason at most: the same district implies the same borough, which would only repeat it. */
function samePlace(seeker: PartnerProfile, candidate: PartnerProfile): Reason[] {
  if (seeker.districtKey !== null && seeker.districtKey === candidate.districtKey) {
    const district = seeker.districtKey;
    return [
      {
        code: 'SAME_DISTRICT',
        ref: district,
        text: {
          de: `Sitzt wie Sie im Stadtteil „${district}“.`,
          en: `Is based in your district “${district}”.`,
        },
      },
    ];
  }
  if (seeker.boroughKey !== null && seeker.boroughKey === candidate.boroughKey) {
    const borough = seeker.boroughKey;
    return [
      {
        code: 'SAME_BOROUGH',
        ref: borough,
        text: {
          de: `Sitzt wie Sie im Stadtbezirk „${borough}“.`,
          en: `Is based in your borough “${borough}”.`,
        },
      },
    ];
  }
  return [];
}

function commonPartners({ commonPartners: count }: NetworkSignals): Reason[] {
  if (!(count > 0)) return [];
  const one = count === 1;
  return [
    {
      code: 'COMMON_PARTNERS',
      text: {
        de: one
          ? 'Hat mit einem Ihrer bisherigen Kooperationspartner zusammengearbeitet.'
          : `Hat mit ${count} Ihrer bisherigen Kooperationspartner zusammengearbeitet.`,
        en: one
          ? 'Has cooperated with one of your former cooperation partners.'
          : `Has cooperated with ${count} of your former cooperation partners.`,
      },
    },
  ];
}

function otherSector(seeker: PartnerProfile, candidate: PartnerProfile): Reason[] {
  if (seeker.sector === candidate.sector) return [];
  return [
    {
      code: 'OTHER_SECTOR',
      ref: candidate.sector,
      text: {
        de: `Kommt aus einem anderen Sektor (${candidate.sector}) und schlägt so eine Brücke.`,
        en: `Comes from another sector (${candidate.sector}) and so builds a bridge.`,
      },
    },
  ];
}

function neverCooperated(candidate: PartnerProfile): Reason[] {
  if (candidate.cooperationCount !== 0) return [];
  return [
    {
      code: 'NEVER_COOPERATED',
      text: {
        de: 'Hat bisher an keiner Kooperation teilgenommen – eine Chance, neue Mitglieder einzubinden.',
        en: 'Has not taken part in any cooperation yet – a chance to involve new members.',
      },
    },
  ];
}

function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort(compare);
}

/** Code-unit order, independent of the runtime's locale, for deterministic output. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
