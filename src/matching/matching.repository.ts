import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { Engagement } from '../cooperations/cross-dimension-rule';
import { alignById } from '../db/cypher';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import type { NetworkSignals, PartnerProfile, PartnerScope } from './matching.model';
import { CHANNEL_LIMITS, matchingQueries } from './matching.queries';
import { ProfileCache } from './profile-cache';
import { needChannel, type NeedHit, needMatchesByCandidate } from './need-fit';
import { networkReach, type NetworkReach } from './reach';
import type { Bilingual, LabelKind } from './reasons';
import type { Candidate } from './rank';
import { networkSignals } from './scoring';
import {
  type CandidateFilter,
  type CandidateRequest,
  type FormerPartner,
  labelKey,
  type ReferenceLabels,
  type Seeker,
} from './seeker';

/** Maps a row holding the profile columns of the matching queries to a scoring profile. */
function toProfile(record: Neo4jRecord): PartnerProfile {
  const place = fromNeo4j<{ key: string; boroughKey: string } | null>(record.get('place'));
  return {
    id: record.get('id') as string,
    sector: record.get('sector') as string,
    districtKey: place?.key ?? null,
    boroughKey: place?.boroughKey ?? null,
    scope: (record.get('scope') as PartnerScope | null) ?? 'NEIGHBOURHOOD',
    topics: [...(record.get('topics') as string[])].sort(),
    engagements: record.get('engagements') as Engagement[],
    cooperationCount: fromNeo4j<number>(record.get('cooperationCount')) ?? 0,
    lastActiveOn: fromNeo4j<string>(record.get('lastActiveOn')),
    community: null,
  };
}

/** A seeker's signals for any candidate: common former partners and need matches. */
function pairSignals(seeker: Seeker, reach: NetworkReach) {
  return (id: string): NetworkSignals => ({
    ...networkSignals(reach.commonOf(id), reach.degreeOf),
    needMatches: seeker.needMatches.get(id) ?? [],
  });
}

/** What {@link MatchingRepository.findPairFacts} reads. */
export interface PairFactsRead {
  candidateName: string;
  candidateStatus: string;
  dismissed: boolean;
  /** The partner's latest outcome about the candidate (src/outcomes), if any. */
  outcome: string | null;
  sharedCooperationId: string | null;
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
          planned: record.get('planned') as string[],
          needMatches: needMatchesByCandidate(fromNeo4j<NeedHit[]>(record.get('needHits'))),
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
    const reach = requests.map(({ seeker, excluded }) =>
      networkReach(seeker, excluded, CHANNEL_LIMITS.network),
    );
    const index = new Map(requests.map(({ seeker }, i) => [seeker.profile.id, i]));
    const query = matchingQueries.candidates(
      requests.map((request, i) => ({
        ...request,
        network: reach[i]?.channel ?? [],
        needs: needChannel(request.seeker.needMatches, request.excluded, CHANNEL_LIMITS.needs),
      })),
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
      const request = requests[i] as CandidateRequest;
      const signalsOf = pairSignals(request.seeker, reach[i] as NetworkReach);
      return list.flatMap((id) => {
        const profile = profiles.get(id);
        return profile ? [{ profile, signals: signalsOf(id) }] : [];
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
    const signalsOf = pairSignals(
      request.seeker,
      networkReach(request.seeker, request.excluded, CHANNEL_LIMITS.network),
    );
    return wanted.flatMap((id) => {
      const profile = profiles.get(id);
      return profile ? [{ profile, signals: signalsOf(id) }] : [];
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

  /** The ids of every ACTIVE partner, sorted. */
  findActiveIds(): Promise<string[]> {
    return this.executor.read(
      matchingQueries.activeIds(),
      (r) => r.get('id') as string,
      'matchingActiveIds',
    );
  }

  /** The facts of {@link matchingQueries.pairFacts}; `null` when either partner is unknown. */
  async findPairFacts(partnerId: string, candidateId: string): Promise<PairFactsRead | null> {
    const [facts] = await this.executor.read(
      matchingQueries.pairFacts(partnerId, candidateId),
      (r) => ({
        candidateName: r.get('candidateName') as string,
        candidateStatus: r.get('candidateStatus') as string,
        dismissed: r.get('dismissed') as boolean,
        outcome: (r.get('outcome') as string | null) ?? null,
        sharedCooperationId: (r.get('sharedCooperationId') as string | null) ?? null,
      }),
      'matchingPairFacts',
    );
    return facts ?? null;
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
