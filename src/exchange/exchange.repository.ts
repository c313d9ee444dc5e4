import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { alignById } from '../db/cypher';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { toTermQuery } from '../common/lucene';
import { fromNeo4j } from '../db/values';
import { EVENT_PROJECTION } from '../events/event.repository';
import { EventKind } from '../events/event.types';
import { type Exchange, ExchangeStatus, type Post, PostStatus } from './exchange.types';

/** Post `post` written by `author`, with its dimensions and topics. */
const postProjection = (post: string, author: string) =>
  `${post} {.id, .exchangeId, .kind, .text, .status, .createdAt, .withdrawnAt, partnerId: ${author}.id,
  dimensions: [(${post})-[:ABOUT]->(d:Dimension) | d {.*}],
  topics: [(${post})-[:ABOUT]->(t:Topic) | t {.*}]}`;

/** Exchange `x` as every query returns it; posts are filtered and ordered by {@link toExchange}. */
const EXCHANGE = `x {.id, .title, .status, .createdAt, .openedAt, .closedAt,
  event: head([(x)-[:AT]->(e:Event) | ${EVENT_PROJECTION}]),
  presentIds: [(p:Partner)-[:CHECKED_IN]->(x) | p.id],
  posts: [(author:Partner)-[:POSTED]->(post:Post)-[:IN]->(x) | ${postProjection('post', 'author')}],
  matchCount: COUNT { (:ExchangeMatch)-[:IN]->(x) }}`;

/** Everything `createExchange` writes. */
export interface NewExchange {
  id: string;
  title: string;
  eventId: string | null;
}

/** Everything `createPost` writes. */
export interface NewPost {
  id: string;
  exchangeId: string;
  partnerId: string;
  kind: string;
  text: string;
  dimensionKeys: string[];
  topicKeys: string[];
}

/**
 * The Cypher of the exchange slice, as pure functions; every value is a parameter. Writes run
 * after {@link exchangeQueries.lock} took the exchange's write lock, so every change of one
 * exchange sees the committed state of the one before (Neo4j runs read-committed).
 */
/** The text of an erased partner's posts: what it wrote may hold personal data. */
export const ERASED_POST_TEXT = 'Gelöscht (Datenschutz)';

export const exchangeQueries = {
  byIds(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange) WHERE x.id IN $ids RETURN ${EXCHANGE} AS exchange`,
      params: { ids },
    };
  },
  list(status: ExchangeStatus | null, limit: number): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange) WHERE $status IS NULL OR x.status = $status
WITH x ORDER BY x.createdAt DESC, x.id DESC LIMIT $limit
RETURN ${EXCHANGE} AS exchange`,
      params: { status, limit: neo4j.int(limit) },
    };
  },
  lock(id: string): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $id}) SET x._lock = true REMOVE x._lock RETURN x.status AS status`,
      params: { id },
    };
  },
  status(id: string): CypherQuery {
    return { cypher: 'MATCH (x:Exchange {id: $id}) RETURN x.status AS status', params: { id } };
  },
  presence(exchangeId: string, partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId})
RETURN x.status AS status, EXISTS { (:Partner {id: $partnerId})-[:CHECKED_IN]->(x) } AS present`,
      params: { exchangeId, partnerId },
    };
  },
  presentIds(exchangeId: string): CypherQuery {
    return {
      cypher: `MATCH (p:Partner)-[:CHECKED_IN]->(:Exchange {id: $exchangeId}) RETURN p.id AS id ORDER BY id`,
      params: { exchangeId },
    };
  },
  create(x: NewExchange): CypherQuery {
    return {
      cypher: `CREATE (x:Exchange {id: $id, title: $title, status: $status, eventId: $eventId,
  createdAt: datetime(), openedAt: null, closedAt: null, lastSequence: 0})
WITH x
CALL (x) {
  MATCH (e:Event {id: $eventId})
  CREATE (x)-[:AT]->(e)
}
RETURN ${EXCHANGE} AS exchange`,
      params: { ...x, status: ExchangeStatus.DRAFT },
    };
  },
  setStatus(id: string, to: ExchangeStatus): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $id})
SET x.status = $to,
  x.openedAt = CASE WHEN $to = $open THEN datetime() ELSE x.openedAt END,
  x.closedAt = CASE WHEN $to = $closed THEN datetime() ELSE x.closedAt END
RETURN ${EXCHANGE} AS exchange`,
      params: { id, to, open: ExchangeStatus.OPEN, closed: ExchangeStatus.CLOSED },
    };
  },
  checkIn(exchangeId: string, partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId}), (p:Partner {id: $partnerId})
CREATE (p)-[:CHECKED_IN {at: datetime()}]->(x)`,
      params: { exchangeId, partnerId },
    };
  },
  /**
   * Records a check-in as attendance at the exchange's alliance meeting, like `attend` of the
   * cooperation writes (src/cooperations/cooperation-write.repository.ts): one ATTENDED per
   * partner and meeting, and `lastActiveOn` raised to the meeting's date when that is later.
   * No row for an exchange without a meeting.
   */
  attendMeeting(exchangeId: string, partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (:Exchange {id: $exchangeId})-[:AT]->(e:Event {kind: $meeting}), (p:Partner {id: $partnerId})
OPTIONAL MATCH (p)-[known:ATTENDED]->(e)
WITH p, e, known IS NULL AS created
MERGE (p)-[:ATTENDED]->(e)
SET p.lastActiveOn = CASE WHEN p.lastActiveOn IS NULL OR p.lastActiveOn < e.date THEN e.date ELSE p.lastActiveOn END
RETURN e.id AS eventId, created`,
      params: { exchangeId, partnerId, meeting: EventKind.ALLIANCE_MEETING },
    };
  },
  departedFrom(partnerId: string, withPosts: boolean): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange)
WHERE EXISTS { (:Partner {id: $partnerId})-[:CHECKED_IN]->(x) }
   OR ($withPosts AND EXISTS { (:Partner {id: $partnerId})-[:POSTED]->(:Post)-[:IN]->(x) })
RETURN x.id AS id ORDER BY id`,
      params: { partnerId, withPosts },
    };
  },
  /** The erased partner's words go, and with them the term query made of them (`query`). */
  erasePosts(exchangeId: string, partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (:Partner {id: $partnerId})-[:POSTED]->(post:Post)-[:IN]->(:Exchange {id: $exchangeId})
WITH post, post.status = $withdrawn AS wasWithdrawn
SET post.text = $erasedText, post.status = $withdrawn,
    post.withdrawnAt = coalesce(post.withdrawnAt, datetime())
REMOVE post.query
RETURN post.id AS id, post.kind AS kind, wasWithdrawn ORDER BY id`,
      params: {
        exchangeId,
        partnerId,
        withdrawn: PostStatus.WITHDRAWN,
        erasedText: ERASED_POST_TEXT,
      },
    };
  },
  checkOut(exchangeId: string, partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (:Partner {id: $partnerId})-[r:CHECKED_IN]->(:Exchange {id: $exchangeId})
DELETE r RETURN count(*) AS removed`,
      params: { exchangeId, partnerId },
    };
  },
  unknownKeys(dimensionKeys: readonly string[], topicKeys: readonly string[]): CypherQuery {
    return {
      cypher: `RETURN [k IN $dimensionKeys WHERE NOT EXISTS { MATCH (:Dimension {key: k}) }] AS dimensions,
  [k IN $topicKeys WHERE NOT EXISTS { MATCH (:Topic {key: k}) }] AS topics`,
      params: { dimensionKeys, topicKeys },
    };
  },
  createPost(post: NewPost): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId}), (author:Partner {id: $partnerId})
CREATE (author)-[:POSTED]->(post:Post {id: $id, exchangeId: $exchangeId, kind: $kind, text: $text,
  query: $query, status: $status, createdAt: datetime(), withdrawnAt: null})-[:IN]->(x)
WITH post, author
CALL (post) {
  UNWIND $dimensionKeys AS key
  MATCH (d:Dimension {key: key})
  CREATE (post)-[:ABOUT]->(d)
}
CALL (post) {
  UNWIND $topicKeys AS key
  MATCH (t:Topic {key: key})
  CREATE (post)-[:ABOUT]->(t)
}
RETURN ${postProjection('post', 'author')} AS post`,
      // The matching searches posts by this term query, like the offers and needs of profiles
      // (docs/graph-model.md); posts created before it have none and are not matched.
      params: { ...post, query: toTermQuery(post.text), status: PostStatus.ACTIVE },
    };
  },
  postsByIds(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (author:Partner)-[:POSTED]->(post:Post) WHERE post.id IN $ids
RETURN ${postProjection('post', 'author')} AS post`,
      params: { ids },
    };
  },
  post(id: string): CypherQuery {
    return {
      cypher: `MATCH (author:Partner)-[:POSTED]->(post:Post {id: $id})
RETURN ${postProjection('post', 'author')} AS post`,
      params: { id },
    };
  },
  withdrawPost(id: string): CypherQuery {
    return {
      cypher: `MATCH (author:Partner)-[:POSTED]->(post:Post {id: $id})
SET post.status = $status, post.withdrawnAt = datetime()
RETURN ${postProjection('post', 'author')} AS post`,
      params: { id, status: PostStatus.WITHDRAWN },
    };
  },
  savePlan(exchangeId: string, plan: string): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId})
SET x.meetingPlan = $plan, x.meetingPlanAt = datetime()
RETURN x.meetingPlan AS plan, x.meetingPlanAt AS publishedAt`,
      params: { exchangeId, plan },
    };
  },
  plan(exchangeId: string): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId})
RETURN x.meetingPlan AS plan, x.meetingPlanAt AS publishedAt`,
      params: { exchangeId },
    };
  },
};

/** A stored exchange, with only its active posts, oldest first. */
export function toExchange(record: Neo4jRecord): Exchange {
  const stored = fromNeo4j<Omit<Exchange, 'presentCount' | 'postCount'>>(record.get('exchange'));
  const posts = stored.posts
    .filter((post) => post.status === PostStatus.ACTIVE)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const presentIds = [...stored.presentIds].sort();
  return { ...stored, presentIds, posts, presentCount: presentIds.length, postCount: posts.length };
}

const toPost = (r: Neo4jRecord) => fromNeo4j<Post>(r.get('post'));

/** A stored plan: its JSON and when it was published; `undefined` for an unknown exchange. */
export interface StoredPlan {
  plan: string | null;
  publishedAt: string | null;
}

/** Runs {@link exchangeQueries}: reads through the executor, writes inside a given transaction. */
export class ExchangeRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** A runner for reads outside a write, so that one method serves both. */
  reader(operation: string): TransactionRunner {
    return readRunner(this.executor, operation);
  }

  /** One exchange; `null` when unknown. */
  async findById(tx: TransactionRunner, id: string): Promise<Exchange | null> {
    const [exchange] = await tx.run(exchangeQueries.byIds([id]), toExchange);
    return exchange ?? null;
  }

  /** Exchanges newest first, of one status or all. */
  list(status: ExchangeStatus | null, limit: number): Promise<Exchange[]> {
    return this.executor.read(exchangeQueries.list(status, limit), toExchange, 'exchanges');
  }

  /** Takes the exchange's write lock; its status, or `null` for an unknown exchange. */
  async lock(tx: TransactionRunner, id: string): Promise<ExchangeStatus | null> {
    const [status] = await tx.run(
      exchangeQueries.lock(id),
      (r) => r.get('status') as ExchangeStatus,
    );
    return status ?? null;
  }

  /** The exchange's status; `null` for an unknown exchange. */
  async status(tx: TransactionRunner, id: string): Promise<ExchangeStatus | null> {
    const [status] = await tx.run(
      exchangeQueries.status(id),
      (r) => r.get('status') as ExchangeStatus,
    );
    return status ?? null;
  }

  /** The exchange's status and whether the partner is checked in; `null` for an unknown exchange. */
  async presence(tx: TransactionRunner, exchangeId: string, partnerId: string) {
    const [row] = await tx.run(exchangeQueries.presence(exchangeId, partnerId), (r) => ({
      status: r.get('status') as ExchangeStatus,
      present: r.get('present') as boolean,
    }));
    return row ?? null;
  }

  /** Whether the partner is checked in to the exchange now. */
  async isPresent(tx: TransactionRunner, exchangeId: string, partnerId: string): Promise<boolean> {
    return (await this.presence(tx, exchangeId, partnerId))?.present ?? false;
  }

  /** The ids of the partners checked in now, sorted. */
  presentIds(tx: TransactionRunner, exchangeId: string): Promise<string[]> {
    return tx.run(exchangeQueries.presentIds(exchangeId), (r) => r.get('id') as string);
  }

  /** Creates a DRAFT exchange, linked to its event when there is one. */
  async create(tx: TransactionRunner, exchange: NewExchange): Promise<Exchange> {
    return single(await tx.run(exchangeQueries.create(exchange), toExchange));
  }

  /** Sets the status and stamps `openedAt` / `closedAt`. */
  async setStatus(tx: TransactionRunner, id: string, to: ExchangeStatus): Promise<Exchange> {
    return single(await tx.run(exchangeQueries.setStatus(id, to), toExchange));
  }

  /** Checks a partner in; the caller made sure it is not checked in yet. */
  async checkIn(tx: TransactionRunner, exchangeId: string, partnerId: string): Promise<void> {
    await tx.run(exchangeQueries.checkIn(exchangeId, partnerId), () => null);
  }

  /**
   * Records the partner's attendance at the exchange's alliance meeting (see
   * {@link exchangeQueries.attendMeeting}); `null` when the exchange has no meeting, else the
   * meeting and whether the attendance is new.
   */
  async attendMeeting(
    tx: TransactionRunner,
    exchangeId: string,
    partnerId: string,
  ): Promise<{ eventId: string; created: boolean } | null> {
    const [row] = await tx.run(exchangeQueries.attendMeeting(exchangeId, partnerId), (r) => ({
      eventId: String(r.get('eventId')),
      created: r.get('created') === true,
    }));
    return row ?? null;
  }

  /** Removes a check-in; whether there was one. */
  async checkOut(tx: TransactionRunner, exchangeId: string, partnerId: string): Promise<boolean> {
    const [removed] = await tx.run(exchangeQueries.checkOut(exchangeId, partnerId), (r) =>
      fromNeo4j<number>(r.get('removed')),
    );
    return (removed ?? 0) > 0;
  }

  /** The given dimension and topic keys that name nothing. */
  async unknownKeys(tx: TransactionRunner, dimensionKeys: string[], topicKeys: string[]) {
    const [row] = await tx.run(exchangeQueries.unknownKeys(dimensionKeys, topicKeys), (r) => ({
      dimensions: r.get('dimensions') as string[],
      topics: r.get('topics') as string[],
    }));
    return row ?? { dimensions: [], topics: [] };
  }

  /** Creates an ACTIVE post with its dimensions and topics. */
  async createPost(tx: TransactionRunner, post: NewPost): Promise<Post> {
    return single(await tx.run(exchangeQueries.createPost(post), toPost));
  }

  /** One post, whatever its status; `null` when unknown. */
  async findPost(tx: TransactionRunner, id: string): Promise<Post | null> {
    const [post] = await tx.run(exchangeQueries.post(id), toPost);
    return post ?? null;
  }

  /** Posts by id, whatever their status, in the order asked; `null` for unknown ids. */
  async findPostsByIds(ids: readonly string[]): Promise<(Post | null)[]> {
    const found = await this.executor.read(exchangeQueries.postsByIds(ids), toPost, 'postsById');
    return alignById<Post | null>(
      ids,
      found.map((post) => [post.id, post]),
      null,
    );
  }

  /** The exchanges a departing partner is checked in to (or, `withPosts`, has posted in). */
  departedFrom(partnerId: string, withPosts: boolean): Promise<string[]> {
    return this.executor.read(
      exchangeQueries.departedFrom(partnerId, withPosts),
      (r) => String(r.get('id')),
      'departedFrom',
    );
  }

  /**
   * Withdraws an erased partner's posts in one exchange and replaces their text (it may hold
   * names, e-mail addresses, phone numbers); returns each post with whether it was withdrawn
   * before.
   */
  erasePosts(tx: TransactionRunner, exchangeId: string, partnerId: string) {
    return tx.run(exchangeQueries.erasePosts(exchangeId, partnerId), (r) => ({
      id: String(r.get('id')),
      kind: String(r.get('kind')),
      wasWithdrawn: r.get('wasWithdrawn') === true,
    }));
  }

  /** Marks a post WITHDRAWN. */
  async withdrawPost(tx: TransactionRunner, id: string): Promise<Post> {
    return single(await tx.run(exchangeQueries.withdrawPost(id), toPost));
  }

  /** Stores a plan (JSON) on the exchange, replacing an earlier one. */
  async savePlan(tx: TransactionRunner, exchangeId: string, plan: string): Promise<StoredPlan> {
    return single(await tx.run(exchangeQueries.savePlan(exchangeId, plan), toStoredPlan));
  }

  /** The stored plan; `undefined` for an unknown exchange. */
  async findPlan(exchangeId: string): Promise<StoredPlan | undefined> {
    const [row] = await this.executor.read(
      exchangeQueries.plan(exchangeId),
      toStoredPlan,
      'meetingPlan',
    );
    return row;
  }
}

function toStoredPlan(r: Neo4jRecord): StoredPlan {
  return {
    plan: (r.get('plan') as string | null) ?? null,
    publishedAt: fromNeo4j<string | null>(r.get('publishedAt')),
  };
}

/** Runs single read queries as if in a transaction, so that one repository method serves both. */
export function readRunner(executor: CypherExecutor, operation: string): TransactionRunner {
  return { run: (query, map) => executor.read(query, map, operation) };
}

/** The one row a write statement returns; a missing row is a bug (the checks ran before). */
export function single<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('expected the write to return 1 row, got 0');
  return row;
}
