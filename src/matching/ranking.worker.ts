/**
 * Entry of a ranking worker thread (see `RankingWorkerPool` in ranking.pool.ts): answers one job
 * per seeker with the same steps the event loop would run (ranking-steps.ts), run to the end.
 * Keeps the profiles, snapshots and labels the pool sent, by their serial numbers. Loads only the
 * pure matching modules, never the GraphQL schema.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { consortiumSteps } from './consortia';
import type { PartnerProfile } from './matching.model';
import type { RankingRequest, RankingResponse } from './ranking.protocol';
import type { RankingSnapshot } from './ranking-context';
import { type RankJob, rankSteps, runToEnd, scoreSteps, suggestionSteps } from './ranking-steps';
import type { ReferenceLabels } from './seeker';

/**
 * The nice value of a ranking thread: ranking is throughput work, so the event loop's thread and
 * Neo4j come first in the scheduler, and a burst of lists does not slow everyone else's answers.
 */
const RANKING_NICE = 10;

/** Snapshots and label sets kept: a request may still use the previous one after a refresh. */
const KEPT = 4;

const profiles = new Map<number, PartnerProfile>();
const snapshots = new Map<number, RankingSnapshot>();
const labelSets = new Map<number, ReferenceLabels>();

/** Keeps `value` under `ref`, dropping the oldest entry beyond {@link KEPT}. */
function keep<T>(map: Map<number, T>, ref: number, value: T | undefined): void {
  if (value === undefined) return;
  map.set(ref, value);
  if (map.size > KEPT) map.delete(map.keys().next().value as number);
}

/** Looks `ref` up; the pool sends everything before it names it, so a miss is a bug. */
function known<T>(map: Map<number, T>, ref: number | undefined, what: string): T {
  const value = ref === undefined ? undefined : map.get(ref);
  if (value === undefined) throw new Error(`ranking worker: unknown ${what} ${ref}`);
  return value;
}

function compute(request: RankingRequest): RankingResponse {
  if (request.task === 'consortia') {
    return {
      id: request.id,
      ok: true,
      value: runToEnd(consortiumSteps(request.pool, request.query)),
    };
  }
  if (request.forget) profiles.clear();
  keep(snapshots, request.snapshotRef, request.snapshot);
  if (request.labelsRef !== undefined) keep(labelSets, request.labelsRef, request.labels);
  const candidates = request.candidates.map(({ ref, profile, signals }) => {
    if (profile) profiles.set(ref, profile);
    return { profile: known(profiles, ref, 'profile'), signals };
  });
  const job: RankJob = { ...request, candidates };
  const snapshot = known(snapshots, request.snapshotRef, 'snapshot');
  if (request.task === 'rank')
    return { id: request.id, ok: true, value: runToEnd(rankSteps(job, snapshot)) };
  if (request.task === 'score')
    return { id: request.id, ok: true, value: runToEnd(scoreSteps(job, snapshot)) };
  const labels = known(labelSets, request.labelsRef, 'labels');
  const [list = []] = runToEnd(
    suggestionSteps([job], { snapshot, labels, language: request.language ?? 'de' }),
  );
  return { id: request.id, ok: true, value: list };
}

function answer(request: RankingRequest): RankingResponse {
  try {
    return compute(request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: message };
  }
}

if (parentPort) {
  const port = parentPort;
  // Linux applies a thread's own setpriority to that thread only, not to the process.
  try {
    setPriority(0, RANKING_NICE);
  } catch {
    // Not permitted (some containers): run at normal priority.
  }
  port.on('message', (request: RankingRequest) => port.postMessage(answer(request)));
}
