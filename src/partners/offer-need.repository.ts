import neo4j from 'neo4j-driver';
import { alignById } from '../db/cypher';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import { fromNeo4j } from '../db/values';
import type { OfferOrNeed } from './partner.types';

/**
 * The two lists of a profile, with their node label, relationship type and `kind` property
 * (docs/graph-model.md). The full-text indexes of migration 008 cover both labels.
 */
export const OFFER_NEED_LISTS = {
  offers: { label: 'Offer', type: 'OFFERS', kind: 'OFFER' },
  needs: { label: 'Need', type: 'NEEDS', kind: 'NEED' },
} as const;

/** Which list of a profile: its standing offers or its standing needs. */
export type OfferNeedList = keyof typeof OFFER_NEED_LISTS;

/** One Offer or Need node as the API writes it. */
export interface OfferNeedRow {
  text: string;
  /** `toTermQuery(text)`: the Lucene query the matching searches with (never built in Cypher). */
  query: string;
  topicKeys: string[];
  /** 0-based place in the partner's list. */
  position: number;
}

/** The offers and needs of one partner, each in the partner's order. */
export interface OffersAndNeeds {
  offers: OfferOrNeed[];
  needs: OfferOrNeed[];
}

const NONE: OffersAndNeeds = { offers: [], needs: [] };

/** The public projection of an Offer or Need node `n`: what `OfferOrNeed` shows. */
export const offerNeedProjection = (n: string) =>
  `${n} {.text, topicKeys: coalesce(${n}.topicKeys, [])}`;

/** The Cypher of offers and needs, as pure functions; every value is a parameter. */
export const offerNeedQueries = {
  byPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner) WHERE p.id IN $ids
RETURN p.id AS id,
  COLLECT { MATCH (p)-[:OFFERS]->(o:Offer) WITH o ORDER BY o.position RETURN ${offerNeedProjection('o')} } AS offers,
  COLLECT { MATCH (p)-[:NEEDS]->(n:Need) WITH n ORDER BY n.position RETURN ${offerNeedProjection('n')} } AS needs`,
      params: { ids },
    };
  },
  /**
   * Deletes the partner's nodes of one list and creates the given rows in their place. Label and
   * relationship type come from {@link OFFER_NEED_LISTS}, never from input.
   */
  replace(id: string, list: OfferNeedList, rows: readonly OfferNeedRow[]): CypherQuery {
    const { label, type, kind } = OFFER_NEED_LISTS[list];
    return {
      cypher: `MATCH (p:Partner {id: $id})
OPTIONAL MATCH (p)-[:${type}]->(old:${label}) DETACH DELETE old
WITH DISTINCT p
UNWIND $rows AS row
CREATE (p)-[:${type}]->(:${label} {kind: $kind, text: row.text, query: row.query,
  topicKeys: row.topicKeys, position: row.position})`,
      params: {
        id,
        kind,
        rows: rows.map((row) => ({ ...row, position: neo4j.int(row.position) })),
      },
    };
  },
  /** The keys among `keys` that name a Topic node. */
  knownTopics(keys: readonly string[]): CypherQuery {
    return {
      cypher: 'MATCH (t:Topic) WHERE t.key IN $keys RETURN t.key AS key',
      params: { keys },
    };
  },
};

/** Reads and replaces the offers and needs of partners. */
export class OfferNeedRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** The offers and needs of each partner, in one round trip; unknown partners get empty lists. */
  async findByPartners(ids: readonly string[]): Promise<OffersAndNeeds[]> {
    const rows = await this.executor.read(
      offerNeedQueries.byPartners(ids),
      (r): [string, OffersAndNeeds] => [
        r.get('id') as string,
        { offers: fromNeo4j(r.get('offers')), needs: fromNeo4j(r.get('needs')) },
      ],
      'partnerOffersNeeds',
    );
    return alignById(ids, rows, NONE);
  }
}
