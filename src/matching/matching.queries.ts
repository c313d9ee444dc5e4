import neo4j from 'neo4j-driver';
import type { CypherQuery } from '../db/executor';
import { partnerFilterClause } from '../partners/partner.repository';
import { ExchangeStatus, PostStatus } from '../exchange/exchange.types';
import { PartnerStatus } from '../partners/partner.types';
import { OutcomeKind } from '../outcomes/outcome.types';
import type { CandidateFilter, CandidateRequest } from './seeker';

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
  /**
   * Bringing a dimension or a perspective the seeker lacks, most recently active first (read in
   * index order).
   */
  complement: 300,
  /** Matching the request's filter, for filters the other channels rarely satisfy. */
  filter: 300,
  /** Offering what the seeker needs or needing what it offers, best fit first. */
  needs: 200,
} as const;

/**
 * Full-text hits read per offer or need and analyzer. Enough for every fit that can reach a list;
 * bounded so that a common word ("Raum") costs the same at 350 and at 50,000 partners.
 */
export const NEED_HITS_PER_ITEM = 50;

/** The profile columns of a partner bound to `v`, shared by the seeker and profile reads. */
const PROFILE_FIELDS = (v: string) => `${v}.id AS id, ${v}.sector AS sector, ${v}.scope AS scope,
  ${v}.cooperationCount AS cooperationCount, ${v}.lastActiveOn AS lastActiveOn,
  [(${v})-[r:ENGAGES_IN]->(x:Dimension) | {dimension: x.key, perspective: r.perspective}] AS engagements,
  [(${v})-[:ACTIVE_IN]->(t:Topic) | t.key] AS topics,
  [(${v})-[:LOCATED_IN]->(d:District) | d {.key, .boroughKey}][0] AS place`;

/**
 * The need hits of a partner bound to `v`: each of its standing offers and needs, and its posts in
 * an open Kooperationsbörse, searched with the stored Lucene query (written with the text, see
 * toTermQuery) in both analyzers' indexes; kept are the other side's items of the opposite kind
 * whose author is ACTIVE. The fit is the hit's score relative to the item's own score for the same
 * query (the item always finds itself, with every word): a share of the best possible match that
 * means the same at 350 and at 50,000 partners, where raw Lucene scores do not. The better of the
 * two analyzers counts.
 */
const NEED_HITS = (v: string) => `COLLECT {
    CALL (${v}) {
      MATCH (${v})-[:OFFERS|NEEDS]->(own) WHERE own.query IS NOT NULL RETURN own
      UNION
      MATCH (${v})-[:POSTED]->(own:Post {status: $activePost})-[:IN]->(:Exchange {status: $openExchange})
      WHERE own.query IS NOT NULL RETURN own
    }
    CALL (own) {
      CALL db.index.fulltext.queryNodes('offer_need_de', own.query, {limit: $needHits}) YIELD node, score
      RETURN 'de' AS analyzer, node, score
      UNION ALL
      CALL db.index.fulltext.queryNodes('offer_need_en', own.query, {limit: $needHits}) YIELD node, score
      RETURN 'en' AS analyzer, node, score
    }
    WITH own, analyzer, collect({node: node, score: score}) AS hits
    WITH own, hits, coalesce([h IN hits WHERE h.node = own | h.score][0], hits[0].score) AS selfScore
    UNWIND hits AS hit
    WITH own, hit.node AS node, max(hit.score / selfScore) AS fit WHERE node.kind <> own.kind
    MATCH (other:Partner)-[:OFFERS|NEEDS|POSTED]->(node)
    WHERE other <> ${v} AND other.status = $active
      AND (NOT node:Post OR (node.status = $activePost AND EXISTS { (node)-[:IN]->(:Exchange {status: $openExchange}) }))
    RETURN {candidateId: other.id, ownKind: own.kind, own: own.text, theirs: node.text, fit: fit}
  } AS needHits`;

/** The parameters of {@link NEED_HITS}. */
function needHitParams() {
  return {
    needHits: neo4j.int(NEED_HITS_PER_ITEM),
    active: PartnerStatus.ACTIVE,
    activePost: PostStatus.ACTIVE,
    openExchange: ExchangeStatus.OPEN,
  };
}

/** The outcome kinds matching reads (src/outcomes): NOT_A_FIT dismisses, COOPERATION_PLANNED is in progress. */
const OUTCOME_PARAMS = {
  notAFit: OutcomeKind.NOT_A_FIT,
  planned: OutcomeKind.COOPERATION_PLANNED,
};

/** The Cypher of the matching slice, as pure functions; every value is a parameter. */
export const matchingQueries = {
  /**
   * Seekers with their profile, former partners (each with its co-partners), dismissals and
   * planned pairs, plus the graph's latest activity date, which is the scoring's reference date.
   * A NOT_A_FIT outcome the seeker recorded counts as a dismissal, a COOPERATION_PLANNED one as a
   * pair in progress (docs/matching.md#outcomes): both read here, from the seeker's own outcomes
   * (index `outcome_by`), so they cost no extra round trip.
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
  [(s)-[:DISMISSED_SUGGESTION]->(x:Partner) | x.id] + COLLECT {
    MATCH (o:Outcome {byPartnerId: s.id}) WHERE o.outcome = $notAFit RETURN o.aboutPartnerId
  } AS dismissed,
  COLLECT {
    MATCH (o:Outcome {byPartnerId: s.id}) WHERE o.outcome = $planned RETURN o.aboutPartnerId
  } AS planned,
  ${NEED_HITS('s')}`,
      params: { ids, ...needHitParams(), ...OUTCOME_PARAMS },
    };
  },

  /**
   * Candidates of many seekers in one round trip: the union of bounded, index-anchored channels
   * (see {@link CHANNEL_LIMITS}), so the cost follows the channels' caps, not the alliance's size.
   * The network channel's ids come from the seeker's former partners, already read. Each row is
   * one (seeker, candidate id); profiles come from {@link matchingQueries.profiles}.
   */
  candidates(
    requests: readonly (CandidateRequest & { network: string[]; needs: string[] })[],
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
  UNWIND request.network + request.needs AS channelId
  MATCH (p:Partner {id: channelId})
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
    AND EXISTS {
      (p)-[r:ENGAGES_IN]->(x:Dimension) WHERE NOT x.key + '/' + r.perspective IN request.engagements
    }
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
        requests: requests.map(({ seeker, excluded, network, needs }) => ({
          id: seeker.profile.id,
          districtKey: seeker.profile.districtKey,
          boroughKey: seeker.profile.boroughKey,
          topics: seeker.profile.topics,
          engagements: seeker.profile.engagements.map((e) => `${e.dimension}/${e.perspective}`),
          network,
          needs,
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

  /** The ids of every ACTIVE partner, sorted. */
  activeIds(): CypherQuery {
    return {
      cypher: 'MATCH (p:Partner) WHERE p.status = $active RETURN p.id AS id ORDER BY id',
      params: { active: PartnerStatus.ACTIVE },
    };
  },

  /** The scoring profiles of partners. */
  profiles(ids: readonly string[]): CypherQuery {
    return {
      cypher: `UNWIND $ids AS id MATCH (p:Partner {id: id}) RETURN ${PROFILE_FIELDS('p')}`,
      params: { ids },
    };
  },

  /**
   * What explaining a pair needs beyond the profiles: the candidate's name and status, whether the
   * partner dismissed it, its latest outcome about the candidate, and the pair's latest common
   * cooperation.
   */
  pairFacts(partnerId: string, candidateId: string): CypherQuery {
    return {
      cypher: `MATCH (s:Partner {id: $partnerId}), (c:Partner {id: $candidateId})
RETURN c.name AS candidateName, c.status AS candidateStatus,
  EXISTS { (s)-[:DISMISSED_SUGGESTION]->(c) } AS dismissed,
  COLLECT {
    MATCH (o:Outcome {byPartnerId: s.id, aboutPartnerId: c.id}) RETURN o.outcome
  }[0] AS outcome,
  COLLECT {
    MATCH (s)-[:PARTICIPATES_IN]->(k:Cooperation)<-[:PARTICIPATES_IN]-(c)
    RETURN k.id ORDER BY k.startedOn DESC, k.id DESC LIMIT 1
  }[0] AS sharedCooperationId`,
      params: { partnerId, candidateId },
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
