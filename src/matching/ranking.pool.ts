import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../common/paths';
import type { PartnerProfile, ScoredCandidate } from './matching.model';
import type { PartnerSuggestion } from './matching.types';
import type { Ranker } from './ranker';
import type { ConsortiumQuery, ConsortiumResult, PoolMember } from './consortia';
import type {
  RankingRequest,
  RankingResponse,
  RankingValue,
  SeekerRequest,
  WireCandidate,
} from './ranking.protocol';
import type { RankingSnapshot } from './ranking-context';
import type { RankJob, SuggestionSetting } from './ranking-steps';
import { PROFILE_CACHE_SIZE } from './profile-cache';

/**
 * The compiled worker script; as for the network worker (network.pool.ts), jest runs it from
 * `dist/`, so build before running the matching tests alone.
 */
export function rankingWorkerFile(): string {
  return __filename.endsWith('.js')
    ? path.join(__dirname, 'ranking.worker.js')
    : projectPath('dist', 'src', 'matching', 'ranking.worker.js');
}

/**
 * Jobs of one `suggestions` call a worker holds at once: the next seeker is sent when one is
 * answered, so cloning 100 seekers' candidates never runs in one stretch on the event loop.
 * @default 2
 */
export const JOBS_IN_FLIGHT_PER_CALL = 2;

/** Serial numbers of objects sent to workers (profiles, snapshots, label sets). */
const serials = new WeakMap<object, number>();
let nextSerial = 1;

function serialOf(value: object): number {
  let serial = serials.get(value);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(value, serial);
  }
  return serial;
}

interface Pending {
  resolve(value: RankingValue): void;
  reject(error: Error): void;
}

/** One worker thread and what it has been sent. */
class Lane {
  readonly pending = new Map<number, Pending>();
  private sentProfiles = new WeakSet<PartnerProfile>();
  private profileCount = 0;
  private snapshotRef = 0;
  private labelsRef = 0;

  constructor(readonly worker: Worker) {}

  /** The wire form of a job: what this worker has seen already is named, not sent. */
  request(
    id: number,
    task: SeekerRequest['task'],
    job: RankJob,
    snapshot: RankingSnapshot,
    setting?: SuggestionSetting,
  ): SeekerRequest {
    const forget = this.profileCount + job.candidates.length > PROFILE_CACHE_SIZE;
    if (forget) this.forgetProfiles();
    const snapshotRef = serialOf(snapshot);
    const request: SeekerRequest = {
      id,
      task,
      ...(forget ? { forget: true } : {}),
      snapshotRef,
      ...(snapshotRef === this.snapshotRef ? {} : { snapshot }),
      seeker: job.seeker,
      candidates: job.candidates.map((c) => this.wire(c.profile, c.signals)),
      options: job.options,
      balanced: job.balanced,
    };
    this.snapshotRef = snapshotRef;
    if (setting) {
      const labelsRef = serialOf(setting.labels);
      request.labelsRef = labelsRef;
      request.language = setting.language;
      if (labelsRef !== this.labelsRef) request.labels = setting.labels;
      this.labelsRef = labelsRef;
    }
    return request;
  }

  private wire(profile: PartnerProfile, signals: WireCandidate['signals']): WireCandidate {
    const ref = serialOf(profile);
    if (this.sentProfiles.has(profile)) return { ref, signals };
    this.sentProfiles.add(profile);
    this.profileCount += 1;
    return { ref, profile, signals };
  }

  private forgetProfiles() {
    this.sentProfiles = new WeakSet();
    this.profileCount = 0;
  }
}

/**
 * Ranks in worker threads, so that the event loop only hands jobs over: one message per seeker,
 * profiles sent once per worker (see ranking.protocol.ts). Workers start on the first job, keep
 * the process alive only while jobs run, run below normal CPU priority, and start again after a
 * crash (the jobs they held are rejected). Jobs go to the lane with the fewest pending.
 */
export class RankingWorkerPool implements Ranker {
  private readonly lanes: (Lane | null)[];
  private nextId = 1;
  private closed = false;

  /**
   * @param size - worker threads (1 on the 2-core machine: the other core serves the event loop
   *   and Neo4j)
   * @param file - the compiled worker script; defaults to {@link rankingWorkerFile}
   */
  constructor(
    size = 1,
    private readonly file = rankingWorkerFile(),
  ) {
    this.lanes = Array.from({ length: Math.max(1, size) }, () => null);
  }

  rank(job: RankJob, snapshot: RankingSnapshot): Promise<ScoredCandidate[]> {
    return this.run('rank', job, snapshot) as Promise<ScoredCandidate[]>;
  }

  scoreAll(job: RankJob, snapshot: RankingSnapshot): Promise<ScoredCandidate[]> {
    return this.run('score', job, snapshot) as Promise<ScoredCandidate[]>;
  }

  async suggestions(
    jobs: readonly RankJob[],
    setting: SuggestionSetting,
  ): Promise<PartnerSuggestion[][]> {
    const lists: PartnerSuggestion[][] = new Array(jobs.length);
    let next = 0;
    const feed = async (): Promise<void> => {
      while (next < jobs.length) {
        const i = next++;
        const job = jobs[i] as RankJob;
        lists[i] = (await this.run(
          'suggestions',
          job,
          setting.snapshot,
          setting,
        )) as PartnerSuggestion[];
      }
    };
    await Promise.all(Array.from({ length: JOBS_IN_FLIGHT_PER_CALL }, feed));
    return lists;
  }

  consortia(pool: readonly PoolMember[], query: ConsortiumQuery): Promise<ConsortiumResult[]> {
    return this.send((id) => ({ id, task: 'consortia', pool: [...pool], query })) as Promise<
      ConsortiumResult[]
    >;
  }

  async close(): Promise<void> {
    this.closed = true;
    const lanes = this.lanes.splice(0, this.lanes.length, ...this.lanes.map(() => null));
    await Promise.all(
      lanes.map(async (lane) => {
        if (!lane) return;
        this.failAll(lane, new Error('the ranking worker was stopped'));
        await lane.worker.terminate();
      }),
    );
  }

  private run(
    task: SeekerRequest['task'],
    job: RankJob,
    snapshot: RankingSnapshot,
    setting?: SuggestionSetting,
  ): Promise<RankingValue> {
    return this.send((id, lane) => lane.request(id, task, job, snapshot, setting));
  }

  /** Sends the request `make` builds for the least busy lane; settles with its answer. */
  private send(make: (id: number, lane: Lane) => RankingRequest): Promise<RankingValue> {
    if (this.closed) return Promise.reject(new Error('the ranking worker pool is closed'));
    return new Promise((resolve, reject) => {
      const lane = this.leastBusy();
      const request = make(this.nextId++, lane);
      lane.pending.set(request.id, { resolve, reject });
      lane.worker.ref();
      lane.worker.postMessage(request);
    });
  }

  private leastBusy(): Lane {
    let best = 0;
    for (let i = 0; i < this.lanes.length; i += 1) {
      const lane = this.lanes[i];
      if (!lane) return this.started(i);
      if (lane.pending.size < (this.lanes[best]?.pending.size ?? Infinity)) best = i;
    }
    return this.lanes[best] as Lane;
  }

  private started(index: number): Lane {
    if (!existsSync(this.file)) {
      throw new Error(`ranking worker ${this.file} is missing: run \`npm run build\` first`);
    }
    const worker = new Worker(this.file);
    const lane = new Lane(worker);
    worker.on('message', (response: RankingResponse) => this.settle(lane, response));
    worker.on('error', (error) => this.crashed(index, lane, error));
    worker.on('exit', (code) =>
      this.crashed(index, lane, new Error(`ranking worker exited (${code})`)),
    );
    this.lanes[index] = lane;
    return lane;
  }

  private settle(lane: Lane, response: RankingResponse) {
    const pending = lane.pending.get(response.id);
    if (!pending) return;
    lane.pending.delete(response.id);
    if (lane.pending.size === 0) lane.worker.unref();
    if (response.ok) pending.resolve(response.value);
    else pending.reject(new Error(response.error));
  }

  private crashed(index: number, lane: Lane, error: Error) {
    if (this.lanes[index] !== lane) return;
    this.lanes[index] = null;
    this.failAll(lane, error);
  }

  private failAll(lane: Lane, error: Error) {
    const pending = [...lane.pending.values()];
    lane.pending.clear();
    for (const job of pending) job.reject(error);
  }
}
