import type { Record as Neo4jRecord } from 'neo4j-driver';
import { cooperationProjection } from '../cooperations/cooperation.repository';
import type { Cooperation } from '../cooperations/cooperation.types';
import { alignById } from '../db/cypher';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import { single } from './exchange.repository';
import type { ExchangeInterest, ExchangeMatch } from './exchange.types';

const MATCH = 'm {.id, .exchangeId, .partnerIds, .createdAt, .cooperationId}';

/** Interest `r` of `a` in `b` as an {@link ExchangeInterest}, with the pair's match `m` (or null). */
const INTEREST = (exchangeId: string) =>
  `{exchangeId: ${exchangeId}, partnerId: a.id, targetPartnerId: b.id, postId: r.postId,
  createdAt: r.at, match: ${MATCH}}`;

/** The key of an unordered pair of partners in an exchange: one match per pair. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** An interest as stored on its relationship. */
export interface StoredInterest {
  at: string;
  postId: string | null;
}

/** What an interest finds: the actor's own interest, whether the target's exists, and a match. */
export interface InterestState {
  own: StoredInterest | null;
  reciprocated: boolean;
  match: ExchangeMatch | null;
}

/**
 * The Cypher of interests and matches in an exchange, as pure functions; every value is a
 * parameter. An interest is `(a)-[:INTERESTED_IN {exchange, at, postId}]->(b)`; a match is an
 * `(:ExchangeMatch)-[:IN]->(:Exchange)` with both partner ids.
 */
export const interestQueries = {
  interestState(exchangeId: string, from: string, to: string): CypherQuery {
    return {
      cypher: `MATCH (a:Partner {id: $from}), (b:Partner {id: $to})
OPTIONAL MATCH (a)-[own:INTERESTED_IN {exchange: $exchangeId}]->(b)
OPTIONAL MATCH (b)-[back:INTERESTED_IN {exchange: $exchangeId}]->(a)
OPTIONAL MATCH (m:ExchangeMatch {exchangeId: $exchangeId, pairKey: $pairKey})
RETURN own {.at, .postId} AS own, back IS NOT NULL AS reciprocated, ${MATCH} AS match`,
      params: { exchangeId, from, to, pairKey: pairKey(from, to) },
    };
  },
  createInterest(exchangeId: string, from: string, to: string, postId: string | null): CypherQuery {
    return {
      cypher: `MATCH (a:Partner {id: $from}), (b:Partner {id: $to})
CREATE (a)-[i:INTERESTED_IN {exchange: $exchangeId, at: datetime(), postId: $postId}]->(b)
RETURN i {.at, .postId} AS own`,
      params: { exchangeId, from, to, postId },
    };
  },
  createMatch(id: string, exchangeId: string, partnerIds: [string, string]): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId})
CREATE (m:ExchangeMatch {id: $id, exchangeId: $exchangeId, pairKey: $pairKey,
  partnerIds: $partnerIds, createdAt: datetime(), cooperationId: null})-[:IN]->(x)
RETURN ${MATCH} AS match`,
      params: { id, exchangeId, partnerIds, pairKey: pairKey(...partnerIds) },
    };
  },
  match(id: string): CypherQuery {
    return {
      cypher: `MATCH (m:ExchangeMatch {id: $id}) RETURN ${MATCH} AS match`,
      params: { id },
    };
  },
  /** Links a match to the cooperation (a DRAFT proposal) proposed from it. */
  proposed(matchId: string, cooperationId: string): CypherQuery {
    return {
      cypher: `MATCH (m:ExchangeMatch {id: $matchId}), (c:Cooperation {id: $cooperationId})
SET m.cooperationId = c.id
CREATE (m)-[:PROPOSED]->(c)
RETURN ${cooperationProjection('c')} AS cooperation`,
      params: { matchId, cooperationId },
    };
  },
  matchesByIds(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (m:ExchangeMatch) WHERE m.id IN $ids RETURN ${MATCH} AS match`,
      params: { ids },
    };
  },
  /** Both interests of each match, the first-interested partner's first. */
  interestsOfMatches(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (m:ExchangeMatch) WHERE m.id IN $ids
UNWIND range(0, 1) AS i
MATCH (a:Partner {id: m.partnerIds[i]})-[r:INTERESTED_IN {exchange: m.exchangeId}]->(b:Partner {id: m.partnerIds[1 - i]})
WITH m, i, ${INTEREST('m.exchangeId')} AS interest ORDER BY i
RETURN m.id AS matchId, collect(interest) AS interests`,
      params: { ids },
    };
  },
  /**
   * Interests in an exchange, oldest first: all (`partnerId` null), or those a partner
   * expressed (`sent`) and/or received (`received`), each with its match if mutual.
   */
  interests(
    exchangeId: string,
    partnerId: string | null,
    { sent, received }: { sent: boolean; received: boolean },
  ): CypherQuery {
    return {
      cypher: `MATCH (a:Partner)-[r:INTERESTED_IN {exchange: $exchangeId}]->(b:Partner)
WHERE $partnerId IS NULL OR ($sent AND a.id = $partnerId) OR ($received AND b.id = $partnerId)
OPTIONAL MATCH (m:ExchangeMatch {exchangeId: $exchangeId,
  pairKey: CASE WHEN a.id < b.id THEN a.id + '|' + b.id ELSE b.id + '|' + a.id END})
RETURN ${INTEREST('$exchangeId')} AS interest
ORDER BY r.at, a.id, b.id`,
      params: { exchangeId, partnerId, sent, received },
    };
  },
  /** Matches in an exchange, oldest first: all (`partnerId` null) or those of one partner. */
  matches(exchangeId: string, partnerId: string | null): CypherQuery {
    return {
      cypher: `MATCH (m:ExchangeMatch {exchangeId: $exchangeId})
WHERE $partnerId IS NULL OR $partnerId IN m.partnerIds
RETURN ${MATCH} AS match ORDER BY m.createdAt, m.id`,
      params: { exchangeId, partnerId },
    };
  },
  interestsAmong(exchangeId: string, partnerIds: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (a:Partner)-[:INTERESTED_IN {exchange: $exchangeId}]->(b:Partner)
WHERE a.id IN $partnerIds AND b.id IN $partnerIds
RETURN a.id AS from, b.id AS to ORDER BY from, to`,
      params: { exchangeId, partnerIds },
    };
  },
};

const toMatch = (r: Neo4jRecord) => fromNeo4j<ExchangeMatch | null>(r.get('match'));

/** Runs {@link interestQueries}; writes inside the exchange's write unit, under its lock. */
export class ExchangeInterestRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** What is known about `from`'s interest in `to`; `null` when either partner is unknown. */
  async interestState(
    tx: TransactionRunner,
    exchangeId: string,
    from: string,
    to: string,
  ): Promise<InterestState | null> {
    const [state] = await tx.run(interestQueries.interestState(exchangeId, from, to), (r) => ({
      own: fromNeo4j<StoredInterest | null>(r.get('own')),
      reciprocated: r.get('reciprocated') as boolean,
      match: toMatch(r),
    }));
    return state ?? null;
  }

  /** Records that `from` is interested in `to`. */
  async createInterest(
    tx: TransactionRunner,
    exchangeId: string,
    [from, to]: [string, string],
    postId: string | null,
  ): Promise<StoredInterest> {
    const query = interestQueries.createInterest(exchangeId, from, to, postId);
    return single(await tx.run(query, (r) => fromNeo4j<StoredInterest>(r.get('own'))));
  }

  /** Records a match; `ids` in the order the two became interested. */
  async createMatch(
    tx: TransactionRunner,
    id: string,
    exchangeId: string,
    ids: [string, string],
  ): Promise<ExchangeMatch> {
    const match = single(await tx.run(interestQueries.createMatch(id, exchangeId, ids), toMatch));
    if (!match) throw new Error(`match ${id} was not created`);
    return match;
  }

  /** One match; `null` when unknown. */
  async findMatch(tx: TransactionRunner, id: string): Promise<ExchangeMatch | null> {
    const [match] = await tx.run(interestQueries.match(id), toMatch);
    return match ?? null;
  }

  /** Links the match to its proposed cooperation; the cooperation as it is now. */
  async markProposed(tx: TransactionRunner, matchId: string, cooperationId: string) {
    const query = interestQueries.proposed(matchId, cooperationId);
    return single(await tx.run(query, (r) => fromNeo4j<Cooperation>(r.get('cooperation'))));
  }

  /** Matches by id, in the order asked; `null` for unknown ids. */
  async findMatches(ids: readonly string[]): Promise<(ExchangeMatch | null)[]> {
    const found = await this.executor.read(
      interestQueries.matchesByIds(ids),
      toMatch,
      'matchesById',
    );
    const rows = found.flatMap((m): [string, ExchangeMatch][] => (m ? [[m.id, m]] : []));
    return alignById<ExchangeMatch | null>(ids, rows, null);
  }

  /** Both interests of each match, in the order asked (empty for unknown ids). */
  async findInterestsOfMatches(ids: readonly string[]): Promise<ExchangeInterest[][]> {
    const found = await this.executor.read(
      interestQueries.interestsOfMatches(ids),
      (r): [string, ExchangeInterest[]] => [
        String(r.get('matchId')),
        fromNeo4j<ExchangeInterest[]>(r.get('interests')),
      ],
      'matchInterests',
    );
    return alignById<ExchangeInterest[]>(ids, found, []);
  }

  /** Interests of an exchange: all (`partnerId` null) or a partner's sent and/or received. */
  listInterests(
    exchangeId: string,
    partnerId: string | null,
    directions: { sent: boolean; received: boolean },
  ): Promise<ExchangeInterest[]> {
    return this.executor.read(
      interestQueries.interests(exchangeId, partnerId, directions),
      (r) => fromNeo4j<ExchangeInterest>(r.get('interest')),
      'myInterests',
    );
  }

  /** Matches of an exchange: all (`partnerId` null) or one partner's. */
  async listMatches(exchangeId: string, partnerId: string | null): Promise<ExchangeMatch[]> {
    const found = await this.executor.read(
      interestQueries.matches(exchangeId, partnerId),
      toMatch,
      'myMatches',
    );
    return found.filter((m): m is ExchangeMatch => m !== null);
  }

  /** Interests among the given partners in the exchange, as [from, to] pairs. */
  interestsAmong(exchangeId: string, partnerIds: readonly string[]): Promise<[string, string][]> {
    return this.executor.read(
      interestQueries.interestsAmong(exchangeId, partnerIds),
      (r) => [r.get('from') as string, r.get('to') as string],
      'exchangeInterests',
    );
  }
}
