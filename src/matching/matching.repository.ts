import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import type { Engagement } from '../cooperations/cross-dimension-rule';
import { alignById } from '../db/cypher';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import { partnerFilterClause } from '../partners/partner.repository';
import type { PartnerFilter } from '../partners/partner.types';
import { PartnerStatus } from '../partners/partner.types';
import type { Bilingual, LabelKind } from './reasons';
import type { PartnerProfile } from './matching.model';
import type { Candidate } from './rank';
import { networkSignals } from './scoring';

/**
 * How many candidates each retrieval channel yields at most, per seeker. At the demo's size no
 * channel reaches its cap, so every partner a channel can reach is scored; at 50,000 partners the
 * caps keep the work per request bounded (about 1,000 scored candidates) whatever the alliance's size.
 */
export const CHANNEL_LIMITS = {
  /** Partners of former partners (the network-trust channel), strongest ties first. */
  network: 300,
  /** Same district, most recently active first. */
  district: 200,
  /** Same borough, most recently active first. */
  borough: 200,
  /** Sharing topics, most shared topics first, then most recently active. */
  topic: 300,
  /** Never cooperated (the exposure channel), most recently active first. */
  newcomer: 200,
  /** Bringing a dimension the seeker lacks, most recently active first (read in index order). */
  complement: 300,
  /** Matching the request's filter, for filters the other channels rarely satisfy. */
  filter: 300,
} as const;

/** A seeker as the service needs it: its profile, status and whom it must not be offered. */
export interface Seeker {
  profile: PartnerProfile;
  status: string;
  /** Former (and current) cooperation partners with their degree in the co-cooperation graph. */
  former: { id: string; degree: number }[];
  /** Candidates this seeker dismissed. */
  dismissed: string[];
}

/** What candidate retrieval needs to know about one seeker. */
export interface CandidateRequest {
  seeker: Seeker;
  /** Ids never to return: the seeker's own exclusions (self, former, dismissed, excludeIds). */
  excluded: string[];
}

/** The candidates' own conditions, beyond ACTIVE and not excluded. */
export interface CandidateFilter extends Pick<
  PartnerFilter,
  'sectors' | 'districts' | 'boroughs' | 'topics'
> {
  /** Dimensions every candidate must engage in. */
  dimensions?: string[] | null;
  /** Only partners who never cooperated with anyone. */
  neverCooperated?: boolean | null;
}

/** The names of reference keys, for the reasons' sentences. */
export type ReferenceLabels = Map<string, Bilingual>;

/** Key of a reference label in {@link ReferenceLabels}. */
export const labelKey = (kind: LabelKind, key: string) => `${kind}:${key}`;

const PROFILE_FIELDS = (v: string) => `${v}.id AS id, ${v}.sector AS sector,
  ${v}.cooperationCount AS cooperationCount, ${v}.lastActiveOn AS lastActiveOn,
  [(${v})-[r:ENGAGES_IN]->(x:Dimension) | {dimension: x.key, perspective: r.perspective}] AS engagements,
  [(${v})-[:ACTIVE_IN]->(t:Topic) | t.key] AS topics,
  [(${v})-[:LOCATED_IN]->(d:District) | d {.key, .boroughKey}][0] AS place`;

/** The Cypher of the matching slice, as pure functions; every value is a parameter. */
export const matchingQueries = {
  /**
   * Seekers with their profile, former partners (each with its degree, for Adamic–Adar) and
   * dismissals, plus the graph's latest activity date, which is the scoring's reference date.
   */
  seekers(ids: readonly string[]): CypherQuery {
    return {
      cypher: `CALL () {
  MATCH (a:Partner) WHERE a.lastActiveOn IS NOT NULL
  RETURN a.lastActiveOn AS asOf ORDER BY asOf DESC LIMIT 1
}
UNWIND $ids AS seekerId
MATCH (s:Partner {id: seekerId})
RETURN asOf, s.status AS status, ${PROFILE_FIELDS('s')},
  COLLECT {
    MATCH (s)-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(z:Partner) WHERE z <> s
    WITH DISTINCT z
    RETURN {id: z.id, degree: COUNT {
      MATCH (z)-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(y:Partner) WHERE y <> z
      RETURN DISTINCT y
    }}
  } AS former,
  [(s)-[:DISMISSED_SUGGESTION]->(x:Partner) | x.id] AS dismissed`,
      params: { ids },
    };
  },

  /**
   * Candidates of many seekers in one round trip: the union of bounded, index-anchored channels
   * (see {@link CHANNEL_LIMITS}), so the cost follows the channels' caps, not the alliance's size.
   * Each row is one (seeker, candidate) with the candidate's profile and the seeker's former
   * partners it has cooperated with (for network trust).
   */
  candidates(requests: readonly CandidateRequest[], filter: CandidateFilter): CypherQuery {
    const partnerFilter = {
      sectors: filter.sectors,
      districts: filter.districts,
      boroughs: filter.boroughs,
      topics: filter.topics,
      dimensions: filter.dimensions,
    };
    const anchor = partnerFilterClause(partnerFilter);
    const clause = partnerFilterClause(partnerFilter, false);
    const where = (extra: readonly string[]) =>
      [
        'p.status = $active',
        'NOT p.id IN request.excluded',
        ...(filter.neverCooperated ? ['p.cooperationCount = 0'] : []),
        ...extra,
      ].join(' AND ');
    const conditions = where(clause.conditions);
    // Without a filter the channels below reach everything a filter channel would.
    const filterChannel =
      anchor.source === clause.source
        ? ''
        : `UNION
  ${anchor.source}
  WITH p WHERE ${where(anchor.conditions)}
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $limits.filter`;
    return {
      cypher: `UNWIND $requests AS request
CALL (request) {
  UNWIND request.former AS formerId
  MATCH (:Partner {id: formerId})-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(p:Partner)
  WITH DISTINCT formerId, p WHERE ${conditions}
  WITH p, count(*) AS ties
  RETURN p ORDER BY ties DESC, p.id LIMIT $limits.network
  UNION
  MATCH (:District {key: request.districtKey})<-[:LOCATED_IN]-(p:Partner)
  WITH p WHERE ${conditions}
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $limits.district
  UNION
  MATCH (d:District)<-[:LOCATED_IN]-(p:Partner)
  WHERE d.boroughKey = request.boroughKey AND d.key <> request.districtKey
  WITH p WHERE ${conditions}
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $limits.borough
  UNION
  UNWIND request.topics AS topic
  MATCH (:Topic {key: topic})<-[:ACTIVE_IN]-(p:Partner)
  WITH p WHERE ${conditions}
  WITH p, count(*) AS shared
  RETURN p ORDER BY shared DESC, p.lastActiveOn DESC, p.id LIMIT $limits.topic
  UNION
  MATCH (p:Partner) WHERE p.cooperationCount = 0
  WITH p WHERE ${conditions}
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $limits.newcomer
  UNION
  MATCH (p:Partner) WHERE p.lastActiveOn IS NOT NULL AND ${conditions}
    AND EXISTS { (p)-[:ENGAGES_IN]->(x:Dimension) WHERE NOT x.key IN request.dimensions }
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $limits.complement
  ${filterChannel}
}
RETURN request.id AS seekerId, ${PROFILE_FIELDS('p')},
  [(p)-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(z:Partner)
    WHERE z.id IN request.former | z.id] AS common`,
      params: {
        ...anchor.params,
        ...clause.params,
        active: PartnerStatus.ACTIVE,
        limits: Object.fromEntries(
          Object.entries(CHANNEL_LIMITS).map(([channel, limit]) => [channel, neo4j.int(limit)]),
        ),
        requests: requests.map(({ seeker, excluded }) => ({
          id: seeker.profile.id,
          districtKey: seeker.profile.districtKey,
          boroughKey: seeker.profile.boroughKey,
          topics: seeker.profile.topics,
          dimensions: seeker.profile.engagements.map((e) => e.dimension),
          former: seeker.former.map((f) => f.id),
          excluded,
        })),
      },
    };
  },

  /**
   * The most recently active ACTIVE partners of each dimension: the pool of a consortium search.
   * Read in the order of the `lastActiveOn` index, so each dimension stops after `perDimension`.
   */
  consortiumPool(dimensions: readonly string[], perDimension: number): CypherQuery {
    return {
      cypher: `UNWIND $dimensions AS dimension
CALL (dimension) {
  MATCH (p:Partner) WHERE p.lastActiveOn IS NOT NULL AND p.status = $active
    AND EXISTS { (p)-[:ENGAGES_IN]->(:Dimension {key: dimension}) }
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $perDimension
}
RETURN DISTINCT p.id AS id`,
      params: { dimensions, perDimension: neo4j.int(perDimension), active: PartnerStatus.ACTIVE },
    };
  },

  /** The names of every dimension, topic, district and borough. */
  labels(): CypherQuery {
    return {
      cypher: `CALL () { MATCH (d:Dimension) RETURN 'dimension' AS kind, d.key AS key, d.nameDe AS de, d.nameEn AS en
  UNION MATCH (t:Topic) RETURN 'topic' AS kind, t.key AS key, t.nameDe AS de, t.nameEn AS en
  UNION MATCH (d:District) RETURN 'district' AS kind, d.key AS key, d.name AS de, d.name AS en
  UNION MATCH (d:District) RETURN DISTINCT 'borough' AS kind, d.boroughKey AS key, d.borough AS de, d.borough AS en }
RETURN kind, key, de, en`,
    };
  },

  /** Records that `partnerId` does not want `candidateId` suggested again (idempotent). */
  dismiss(partnerId: string, candidateId: string): CypherQuery {
    return {
      cypher: `MATCH (s:Partner {id: $partnerId}), (c:Partner {id: $candidateId})
MERGE (s)-[d:DISMISSED_SUGGESTION]->(c) ON CREATE SET d.at = datetime()
RETURN c.id AS id`,
      params: { partnerId, candidateId },
    };
  },

  /** Undoes {@link matchingQueries.dismiss}. */
  restore(partnerId: string, candidateId: string): CypherQuery {
    return {
      cypher: `MATCH (s:Partner {id: $partnerId}), (c:Partner {id: $candidateId})
OPTIONAL MATCH (s)-[d:DISMISSED_SUGGESTION]->(c)
DELETE d
RETURN c.id AS id`,
      params: { partnerId, candidateId },
    };
  },
};

function toProfile(record: Neo4jRecord): PartnerProfile {
  const place = fromNeo4j<{ key: string; boroughKey: string } | null>(record.get('place'));
  return {
    id: record.get('id') as string,
    sector: record.get('sector') as string,
    districtKey: place?.key ?? null,
    boroughKey: place?.boroughKey ?? null,
    topics: [...(record.get('topics') as string[])].sort(),
    engagements: record.get('engagements') as Engagement[],
    cooperationCount: fromNeo4j<number>(record.get('cooperationCount')) ?? 0,
    lastActiveOn: fromNeo4j<string>(record.get('lastActiveOn')),
    community: null,
  };
}

/** Reads the graph for the matching and writes dismissals. */
export class MatchingRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /**
   * The seekers with the given ids (`null` for unknown ids) and the reference date of scoring:
   * the graph's latest activity, so the same data give the same scores on any day.
   */
  async findSeekers(ids: readonly string[]): Promise<{ seekers: (Seeker | null)[]; asOf: string }> {
    let asOf: string | null = null;
    const rows = await this.executor.read(
      matchingQueries.seekers(ids),
      (record): [string, Seeker] => {
        asOf = fromNeo4j<string>(record.get('asOf'));
        const profile = toProfile(record);
        const seeker = {
          profile,
          status: record.get('status') as string,
          former: fromNeo4j<{ id: string; degree: number }[]>(record.get('former')),
          dismissed: record.get('dismissed') as string[],
        };
        return [profile.id, seeker];
      },
      'matchingSeekers',
    );
    return {
      seekers: alignById<Seeker | null>(ids, rows, null),
      asOf: asOf ?? new Date().toISOString().slice(0, 10),
    };
  }

  /** The candidates of each request, in request order, with their network signals. */
  async findCandidates(
    requests: readonly CandidateRequest[],
    filter: CandidateFilter,
  ): Promise<Candidate[][]> {
    if (requests.length === 0) return [];
    const degrees = requests.map(
      ({ seeker }) => new Map(seeker.former.map((f) => [f.id, f.degree])),
    );
    const index = new Map(requests.map(({ seeker }, i) => [seeker.profile.id, i]));
    const result: Candidate[][] = requests.map(() => []);
    await this.executor.read(
      matchingQueries.candidates(requests, filter),
      (record) => {
        const i = index.get(record.get('seekerId') as string) ?? 0;
        const degree = degrees[i] ?? new Map<string, number>();
        const signals = networkSignals(
          record.get('common') as string[],
          (id) => degree.get(id) ?? 0,
        );
        result[i]?.push({ profile: toProfile(record), signals });
      },
      'matchingCandidates',
    );
    return result;
  }

  /** Ids of the most recently active ACTIVE partners of each dimension (consortium pool). */
  findConsortiumPool(dimensions: readonly string[], perDimension: number): Promise<string[]> {
    return this.executor.read(
      matchingQueries.consortiumPool(dimensions, perDimension),
      (r) => r.get('id') as string,
      'consortiumPool',
    );
  }

  /** The names of all reference keys, keyed by {@link labelKey}. */
  async findLabels(): Promise<ReferenceLabels> {
    const rows = await this.executor.read(
      matchingQueries.labels(),
      (r): [string, Bilingual] => [
        labelKey(r.get('kind') as LabelKind, r.get('key') as string),
        { de: r.get('de') as string, en: r.get('en') as string },
      ],
      'matchingLabels',
    );
    return new Map(rows);
  }

  /**
   * Dismisses or restores a suggestion inside a write unit.
   * @returns whether both partners exist
   */
  async setDismissed(
    tx: TransactionRunner,
    partnerId: string,
    candidateId: string,
    dismissed: boolean,
  ): Promise<boolean> {
    const query = dismissed
      ? matchingQueries.dismiss(partnerId, candidateId)
      : matchingQueries.restore(partnerId, candidateId);
    const rows = await tx.run(query, (r) => r.get('id') as string);
    return rows.length > 0;
  }
}
