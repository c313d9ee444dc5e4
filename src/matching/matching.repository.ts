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
  /**
   * Former (and current) cooperation partners, each with its own co-partners: these give the
   * network channel (partners of partners), the common partners of a pair and, by their number,
   * each former partner's degree for Adamic–Adar.
   */
  former: FormerPartner[];
  /** Candidates this seeker dismissed. */
  dismissed: string[];
}

/** A seeker's former cooperation partner and that partner's own co-partners. */
export interface FormerPartner {
  id: string;
  /** Distinct co-partners of this partner (its neighbours in the co-cooperation graph). */
  neighbours: string[];
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
   * Seekers with their profile, former partners (each with its co-partners) and dismissals, plus
   * the graph's latest activity date, which is the scoring's reference date.
   */
  seekers(ids: readonly string[]): CypherQuery {
    return {
      cypher: `CALL () {
  MATCH (a:Partner) WHERE a.lastActiveOn IS NOT NULL
  RETURN a.lastActiveOn AS asOf ORDER BY asOf DESC LIMIT 1
}
OPTIONAL MATCH (v:DataVersion {id: 'graph'})
WITH asOf, coalesce(v.value, 0) AS version
UNWIND $ids AS seekerId
MATCH (s:Partner {id: seekerId})
RETURN asOf, version, s.status AS status, ${PROFILE_FIELDS('s')},
  COLLECT {
    MATCH (s)-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(z:Partner) WHERE z <> s
    WITH DISTINCT z
    RETURN {id: z.id, neighbours: COLLECT {
      MATCH (z)-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(y:Partner) WHERE y <> z
      RETURN DISTINCT y.id
    }}
  } AS former,
  [(s)-[:DISMISSED_SUGGESTION]->(x:Partner) | x.id] AS dismissed`,
      params: { ids },
    };
  },

  /**
   * Candidates of many seekers in one round trip: the union of bounded, index-anchored channels
   * (see {@link CHANNEL_LIMITS}), so the cost follows the channels' caps, not the alliance's size.
   * The network channel's ids come from the seeker's former partners, already read. Each row is
   * one (seeker, candidate id); profiles come from {@link matchingQueries.profiles}.
   */
  candidates(
    requests: readonly (CandidateRequest & { network: string[] })[],
    filter: CandidateFilter,
  ): CypherQuery {
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
  UNWIND request.network AS networkId
  MATCH (p:Partner {id: networkId})
  WITH p WHERE ${conditions}
  RETURN p
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
  MATCH (p:Partner) USING INDEX p:Partner(lastActiveOn)
  WHERE p.lastActiveOn IS NOT NULL AND ${conditions}
    AND EXISTS { (p)-[:ENGAGES_IN]->(x:Dimension) WHERE NOT x.key IN request.dimensions }
  RETURN p ORDER BY p.lastActiveOn DESC, p.id LIMIT $limits.complement
  ${filterChannel}
}
RETURN request.id AS seekerId, p.id AS id`,
      params: {
        ...anchor.params,
        ...clause.params,
        active: PartnerStatus.ACTIVE,
        limits: Object.fromEntries(
          Object.entries(CHANNEL_LIMITS).map(([channel, limit]) => [channel, neo4j.int(limit)]),
        ),
        requests: requests.map(({ seeker, excluded, network }) => ({
          id: seeker.profile.id,
          districtKey: seeker.profile.districtKey,
          boroughKey: seeker.profile.boroughKey,
          topics: seeker.profile.topics,
          dimensions: seeker.profile.engagements.map((e) => e.dimension),
          network,
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

  /** The scoring profiles of partners. */
  profiles(ids: readonly string[]): CypherQuery {
    return {
      cypher: `UNWIND $ids AS id MATCH (p:Partner {id: id}) RETURN ${PROFILE_FIELDS('p')}`,
      params: { ids },
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

/** What {@link MatchingRepository.findSeekers} reads. */
export interface SeekerRead {
  /** One entry per id asked for; `null` for unknown ids. */
  seekers: (Seeker | null)[];
  /** Reference date of scoring: the graph's latest activity. */
  asOf: string;
  /** The graph's data version when read (bumped by every write). */
  version: number;
}

/**
 * The most profiles kept; beyond it the cache starts afresh. 100,000 profiles of a few hundred
 * bytes each stay well below 100 MB.
 */
export const PROFILE_CACHE_SIZE = 100_000;

/**
 * Scoring profiles of candidates, valid for one data version. Candidate sets of different seekers
 * overlap heavily, so after a few requests most candidates cost no read at all; every write bumps
 * the version, which empties the cache before the next request uses it.
 */
class ProfileCache {
  private version = -1;
  private readonly entries = new Map<string, PartnerProfile>();

  /** Empties the cache when `version` differs from the one its entries were read under. */
  useVersion(version: number): void {
    if (version === this.version) return;
    this.entries.clear();
    this.version = version;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): PartnerProfile | undefined {
    return this.entries.get(id);
  }

  /** Keeps a profile read under `version` (ignored when the cache moved on meanwhile). */
  set(profile: PartnerProfile, version: number): void {
    if (version !== this.version) return;
    if (this.entries.size >= PROFILE_CACHE_SIZE) this.entries.clear();
    this.entries.set(profile.id, profile);
  }
}

/** What a seeker's former partners tell about candidates. */
export interface NetworkReach {
  /** The network channel: partners of former partners, most ties first, capped. */
  channel: string[];
  /** The seeker's former partners who also cooperated with a candidate. */
  commonOf: (candidateId: string) => string[];
  /** A former partner's degree in the co-cooperation graph. */
  degreeOf: (formerId: string) => number;
}

/** Works out the network channel and common partners from the seeker's former partners. */
export function networkReach(seeker: Seeker, excluded: readonly string[]): NetworkReach {
  const skip = new Set(excluded);
  const common = new Map<string, string[]>();
  for (const former of seeker.former) {
    for (const neighbour of former.neighbours) {
      const formers = common.get(neighbour);
      if (formers) formers.push(former.id);
      else common.set(neighbour, [former.id]);
    }
  }
  const channel = [...common.entries()]
    .filter(([id]) => !skip.has(id))
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
    .slice(0, CHANNEL_LIMITS.network)
    .map(([id]) => id);
  const degrees = new Map(seeker.former.map((f) => [f.id, f.neighbours.length]));
  return {
    channel,
    commonOf: (id) => common.get(id) ?? [],
    degreeOf: (id) => degrees.get(id) ?? 0,
  };
}

/** Reads the graph for the matching and writes dismissals. */
export class MatchingRepository {
  private readonly profiles = new ProfileCache();

  constructor(private readonly executor: CypherExecutor) {}

  /**
   * The seekers with the given ids (`null` for unknown ids) and the reference date of scoring:
   * the graph's latest activity, so the same data give the same scores on any day.
   */
  async findSeekers(ids: readonly string[]): Promise<SeekerRead> {
    let asOf: string | null = null;
    let version = 0;
    const rows = await this.executor.read(
      matchingQueries.seekers(ids),
      (record): [string, Seeker] => {
        asOf = fromNeo4j<string>(record.get('asOf'));
        version = fromNeo4j<number>(record.get('version'));
        const profile = toProfile(record);
        const seeker = {
          profile,
          status: record.get('status') as string,
          former: record.get('former') as FormerPartner[],
          dismissed: record.get('dismissed') as string[],
        };
        return [profile.id, seeker];
      },
      'matchingSeekers',
    );
    return {
      seekers: alignById<Seeker | null>(ids, rows, null),
      asOf: asOf ?? new Date().toISOString().slice(0, 10),
      version,
    };
  }

  /**
   * The candidates of each request, in request order, with their network signals.
   * @param version - the data version read with the seekers: profiles cached under another
   *   version are dropped, so a write is seen by the next request
   */
  async findCandidates(
    requests: readonly CandidateRequest[],
    filter: CandidateFilter,
    version: number,
  ): Promise<Candidate[][]> {
    if (requests.length === 0) return [];
    const reach = requests.map(({ seeker, excluded }) => networkReach(seeker, excluded));
    const index = new Map(requests.map(({ seeker }, i) => [seeker.profile.id, i]));
    const query = matchingQueries.candidates(
      requests.map((request, i) => ({ ...request, network: reach[i]?.channel ?? [] })),
      filter,
    );
    const ids: string[][] = requests.map(() => []);
    await this.executor.read(
      query,
      (record) =>
        ids[index.get(record.get('seekerId') as string) ?? 0]?.push(record.get('id') as string),
      'matchingCandidates',
    );
    const profiles = await this.findProfiles(ids.flat(), version);
    return ids.map((list, i) => {
      const { commonOf, degreeOf } = reach[i] as NetworkReach;
      return list.flatMap((id) => {
        const profile = profiles.get(id);
        return profile ? [{ profile, signals: networkSignals(commonOf(id), degreeOf) }] : [];
      });
    });
  }

  /**
   * Given candidates (e.g. the partners present at an exchange) with their network signals;
   * excluded ids are left out.
   */
  async findCandidatesAmong(
    request: CandidateRequest,
    ids: readonly string[],
    version: number,
  ): Promise<Candidate[]> {
    const skip = new Set(request.excluded);
    const wanted = ids.filter((id) => !skip.has(id));
    const profiles = await this.findProfiles(wanted, version);
    const { commonOf, degreeOf } = networkReach(request.seeker, request.excluded);
    return wanted.flatMap((id) => {
      const profile = profiles.get(id);
      return profile ? [{ profile, signals: networkSignals(commonOf(id), degreeOf) }] : [];
    });
  }

  /** Profiles by id: from the cache when read under the same data version, else in one query. */
  private async findProfiles(ids: readonly string[], version: number) {
    this.profiles.useVersion(version);
    const missing = [...new Set(ids)].filter((id) => !this.profiles.has(id));
    if (missing.length > 0) {
      const read = await this.executor.read(
        matchingQueries.profiles(missing),
        toProfile,
        'matchingProfiles',
      );
      read.forEach((profile) => this.profiles.set(profile, version));
    }
    return this.profiles;
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
