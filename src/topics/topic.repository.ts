import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import type { Topic } from './topic.types';

/** The Cypher of the Topic slice. */
export const topicQueries = {
  all(): CypherQuery {
    return { cypher: 'MATCH (t:Topic) RETURN t {.*} AS topic ORDER BY t.key' };
  },
  byPartners(partnerIds: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner)-[:ACTIVE_IN]->(t:Topic) WHERE p.id IN $partnerIds
WITH p, t ORDER BY t.key
RETURN p.id AS partnerId, collect(t {.*}) AS topics`,
      params: { partnerIds },
    };
  },
  upsert(topics: readonly Topic[]): CypherQuery {
    return {
      cypher: `UNWIND $topics AS row
MERGE (t:Topic {key: row.key}) SET t.nameDe = row.nameDe, t.nameEn = row.nameEn`,
      params: { topics },
    };
  },
};

const toTopic = (record: Neo4jRecord): Topic => record.get('topic') as Topic;

/** Reads and writes Topic nodes. */
export class TopicRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** All topics ordered by key. */
  findAll(): Promise<Topic[]> {
    return this.executor.read(topicQueries.all(), toTopic, 'topics');
  }

  /** The topics of each partner, in one round trip; partners without topics get `[]`. */
  async findByPartners(partnerIds: readonly string[]): Promise<Topic[][]> {
    const rows = await this.executor.read(
      topicQueries.byPartners(partnerIds),
      (r) => [r.get('partnerId') as string, r.get('topics') as Topic[]] as const,
      'topicsByPartner',
    );
    const byId = new Map(rows);
    return partnerIds.map((id) => byId.get(id) ?? []);
  }

  /** Creates or updates topics by key (reference data). */
  async upsert(topics: readonly Topic[]): Promise<void> {
    await this.executor.write(topicQueries.upsert(topics), () => null, 'loadTopics');
  }
}
