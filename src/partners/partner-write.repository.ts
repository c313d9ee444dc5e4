import neo4j from 'neo4j-driver';
import type { CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import { SET_DIMENSION_KEYS } from './dimension-keys';
import { germanSortKey } from './german-sort-key';
import { type OfferNeedList, type OfferNeedRow, offerNeedQueries } from './offer-need.repository';
import { partnerProjection } from './partner.repository';
import type {
  Partner,
  PartnerKind,
  PartnerScope,
  PartnerStatus,
  Perspective,
  Sector,
} from './partner.types';

/** The properties of a new partner (an application). */
export interface NewPartner {
  id: string;
  name: string;
  sector: Sector;
  kind: PartnerKind;
  description: string | null;
  website: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  scope: PartnerScope;
}

/** Profile properties to set; a key that is absent stays as it is, `null` removes the value. */
export type ProfileChanges = Partial<
  Pick<
    NewPartner,
    'description' | 'website' | 'contactName' | 'contactEmail' | 'contactPhone' | 'scope'
  >
>;

/** One (dimension, perspective) engagement to link. */
export interface EngagementRef {
  key: string;
  perspective: Perspective;
}

/** The relationship kinds a profile may replace, with their target label. */
export const REFERENCE_LINKS = {
  topics: { type: 'ACTIVE_IN', label: 'Topic' },
  district: { type: 'LOCATED_IN', label: 'District' },
  dimensions: { type: 'ENGAGES_IN', label: 'Dimension' },
} as const;

/** Which relationship kind a statement replaces. */
export type ReferenceKind = keyof typeof REFERENCE_LINKS;

const PARTNER = partnerProjection('p');

/**
 * The Cypher of the partner writes, as pure functions. Conditional updates take the node's write
 * lock first (`SET p._lock ... REMOVE p._lock`) and only then test the condition, so that two
 * concurrent writers cannot both pass it (Neo4j runs read-committed; see its "lost updates" notes).
 */
/**
 * `tokensValidAfter` for "end every token issued until now", in seconds like a token's `iat`.
 * One second ahead, because `iat` has whole seconds: a token issued in this very second, just
 * before the change, must end too (one issued just after waits a second).
 */
const TOKENS_END_NOW = 'datetime().epochSeconds + 1';

export const partnerWriteQueries = {
  create(partner: NewPartner): CypherQuery {
    return {
      cypher: `CREATE (p:Partner)
SET p = $partner, p.nameSortKey = $nameSortKey, p.status = 'APPLIED', p.joinedOn = date(), p.lastActiveOn = date(),
    p.version = 1, p.cooperationCount = 0
RETURN ${PARTNER} AS partner`,
      params: { partner, nameSortKey: germanSortKey(partner.name) },
    };
  },
  transition(id: string, from: readonly PartnerStatus[], to: PartnerStatus): CypherQuery {
    return {
      cypher: `MATCH (p:Partner {id: $id}) SET p._lock = true REMOVE p._lock
WITH p WHERE p.status IN $from
SET p.status = $to, p.version = p.version + 1,
    p.tokensValidAfter = CASE WHEN $to = 'LEFT' THEN ${TOKENS_END_NOW} ELSE p.tokensValidAfter END
RETURN ${PARTNER} AS partner`,
      params: { id, from, to },
    };
  },
  updateProfile(id: string, version: number, changes: ProfileChanges): CypherQuery {
    return {
      cypher: `MATCH (p:Partner {id: $id}) SET p._lock = true REMOVE p._lock
WITH p WHERE p.version = $version
SET p += $changes, p.version = p.version + 1
RETURN ${PARTNER} AS partner`,
      params: { id, version: neo4j.int(version), changes },
    };
  },
  state(id: string): CypherQuery {
    return {
      cypher: 'MATCH (p:Partner {id: $id}) RETURN p.status AS status, p.version AS version',
      params: { id },
    };
  },
  /** Removes the partner's relationships of one kind and links the given keys; returns found keys. */
  replaceLinks(
    id: string,
    kind: ReferenceKind,
    rows: readonly EngagementRef[] | readonly { key: string }[],
  ) {
    const { type, label } = REFERENCE_LINKS[kind];
    const props = kind === 'dimensions' ? ' {perspective: row.perspective}' : '';
    return {
      cypher: `MATCH (p:Partner {id: $id})
OPTIONAL MATCH (p)-[old:${type}]->(:${label}) DELETE old
WITH DISTINCT p
CALL (p) {
  UNWIND $rows AS row
  MATCH (target:${label} {key: row.key})
  CREATE (p)-[:${type}${props}]->(target)
  RETURN collect(target.key) AS keys
}
${kind === 'dimensions' ? SET_DIMENSION_KEYS : ''}
WITH keys UNWIND keys AS key
RETURN key`,
      params: { id, rows },
    } satisfies CypherQuery;
  },
  endTokens(id: string): CypherQuery {
    return {
      cypher: `MATCH (p:Partner {id: $id}) SET p.tokensValidAfter = ${TOKENS_END_NOW}
RETURN ${PARTNER} AS partner`,
      params: { id },
    };
  },
  /**
   * Erasure: the profile links go, and so do the Offer and Need nodes: they are the partner's own
   * words and may hold personal data. (Leaving, `transition` to LEFT, keeps them.)
   */
  erase(id: string, name: string): CypherQuery {
    return {
      cypher: `MATCH (p:Partner {id: $id})
OPTIONAL MATCH (p)-[r:ACTIVE_IN|LOCATED_IN|ENGAGES_IN]->() DELETE r
WITH DISTINCT p
OPTIONAL MATCH (p)-[:OFFERS|NEEDS]->(item:Offer|Need) DETACH DELETE item
WITH DISTINCT p
SET p.name = $name, p.dimensionKeys = [], p.nameSortKey = $nameSortKey, p.status = 'LEFT', p.version = p.version + 1,
    p.erasedAt = coalesce(p.erasedAt, datetime()), p.tokensValidAfter = ${TOKENS_END_NOW}
REMOVE p.contactName, p.contactEmail, p.contactPhone, p.internalNotes, p.description, p.website
RETURN ${PARTNER} AS partner`,
      params: { id, name, nameSortKey: germanSortKey(name) },
    };
  },
};

/** A partner's status and version as read inside a write. */
export interface PartnerState {
  status: PartnerStatus;
  version: number;
}

const toPartner = (r: { get(key: string): unknown }) => fromNeo4j<Partner>(r.get('partner'));

/** Runs the partner writes inside a transaction handed out by `runWrite`. */
export class PartnerWriteRepository {
  /** Creates an APPLIED partner and returns it. */
  async create(tx: TransactionRunner, partner: NewPartner): Promise<Partner> {
    const [created] = await tx.run(partnerWriteQueries.create(partner), toPartner);
    if (!created) throw new Error(`expected the new partner ${partner.id}, got no row`);
    return created;
  }

  /** Changes the status when it is one of `from`; `null` when the partner is unknown or elsewhere. */
  async transition(
    tx: TransactionRunner,
    id: string,
    from: readonly PartnerStatus[],
    to: PartnerStatus,
  ): Promise<Partner | null> {
    const [partner] = await tx.run(partnerWriteQueries.transition(id, from, to), toPartner);
    return partner ?? null;
  }

  /** Sets profile properties when the version matches; `null` otherwise (or unknown id). */
  async updateProfile(
    tx: TransactionRunner,
    id: string,
    version: number,
    changes: ProfileChanges,
  ): Promise<Partner | null> {
    const [partner] = await tx.run(
      partnerWriteQueries.updateProfile(id, version, changes),
      toPartner,
    );
    return partner ?? null;
  }

  /** The current status and version, or `null` for an unknown id. */
  async state(tx: TransactionRunner, id: string): Promise<PartnerState | null> {
    const [state] = await tx.run(partnerWriteQueries.state(id), (r) => ({
      status: r.get('status') as PartnerStatus,
      version: fromNeo4j<number>(r.get('version')),
    }));
    return state ?? null;
  }

  /** Replaces one kind of relationship; returns the keys that exist (and were linked). */
  replaceLinks(
    tx: TransactionRunner,
    id: string,
    kind: ReferenceKind,
    rows: readonly EngagementRef[] | readonly { key: string }[],
  ): Promise<string[]> {
    return tx.run(partnerWriteQueries.replaceLinks(id, kind, rows), (r) => r.get('key') as string);
  }

  /** Ends every token of the partner issued until now; `null` for an unknown id. */
  async endTokens(tx: TransactionRunner, id: string): Promise<Partner | null> {
    const [partner] = await tx.run(partnerWriteQueries.endTokens(id), toPartner);
    return partner ?? null;
  }

  /** Replaces the partner's offers or needs with `rows` (none for `[]`). */
  async replaceOfferNeedList(
    tx: TransactionRunner,
    id: string,
    list: OfferNeedList,
    rows: readonly OfferNeedRow[],
  ): Promise<void> {
    await tx.run(offerNeedQueries.replace(id, list, rows), () => null);
  }

  /** The keys among `keys` that name a topic. */
  async knownTopicKeys(tx: TransactionRunner, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const found = await tx.run(offerNeedQueries.knownTopics(keys), (r) => r.get('key') as string);
    return new Set(found);
  }

  /** Erases the partner's personal data, offers and needs; `null` for an unknown id. */
  async erase(tx: TransactionRunner, id: string, name: string): Promise<Partner | null> {
    const [partner] = await tx.run(partnerWriteQueries.erase(id, name), toPartner);
    return partner ?? null;
  }
}
