import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../common/paths';
import type { ExportMeta } from './network.export';
import type { NetworkExportFormat, NetworkRows, NetworkSettings } from './network.model';
import type { PackedNetwork } from './network.packing';

/** A job for the network worker. */
export type WorkerRequest =
  | { id: number; task: 'compute'; rows: NetworkRows; settings: NetworkSettings }
  | {
      id: number;
      task: 'serialise';
      network: PackedNetwork;
      format: NetworkExportFormat;
      meta: ExportMeta;
    };

/** The worker's answer to one job: its value, or the message of what it threw. */
export type WorkerResponse =
  | { id: number; ok: true; value: PackedNetwork | string }
  | { id: number; ok: false; error: string };

/** Where the heavy graph work runs; the service only knows this interface. */
export interface NetworkComputer {
  /** Computes the network of the rows (graph, metrics, communities, layout), in columns. */
  compute(rows: NetworkRows, settings: NetworkSettings): Promise<PackedNetwork>;
  /** Serialises a computed network in an export format. */
  serialise(network: PackedNetwork, format: NetworkExportFormat, meta: ExportMeta): Promise<string>;
  /** Ends the worker; jobs still running are rejected. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The compiled worker script. Node runs worker threads from JavaScript only, so:
 * - from `dist/` (npm start, the Docker image, benchmarks) it is the file next to this one;
 * - from the TypeScript sources (jest through @swc/jest) it is the compiled copy under
 *   `dist/src/network/`, which `npm test` builds first (`npm run build`). A stale `dist/` runs
 *   stale graph code: build before running the network tests alone.
 */
export function networkWorkerFile(): string {
  return __filename.endsWith('.js')
    ? path.join(__dirname, 'network.worker.js')
    : projectPath('dist', 'src', 'network', 'network.worker.js');
}

interface Pending {
  resolve(value: PackedNetwork | string): void;
  reject(error: Error): void;
}

/**
 * A pool of one worker thread that computes networks and exports, so that the graph algorithms
 * (seconds at 50k partners) never block the event loop that serves other requests. Jobs queue in
 * the worker's message port and run one after another. The worker starts on the first job, keeps
 * the process alive only while a job runs, and is started again after a crash (the jobs it held
 * are rejected).
 */
export class NetworkWorkerPool implements NetworkComputer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  /** @param file - the compiled worker script; defaults to {@link networkWorkerFile} */
  constructor(private readonly file = networkWorkerFile()) {}

  compute(rows: NetworkRows, settings: NetworkSettings): Promise<PackedNetwork> {
    return this.run({
      id: this.nextId++,
      task: 'compute',
      rows,
      settings,
    }) as Promise<PackedNetwork>;
  }

  serialise(
    network: PackedNetwork,
    format: NetworkExportFormat,
    meta: ExportMeta,
  ): Promise<string> {
    return this.run({
      id: this.nextId++,
      task: 'serialise',
      network,
      format,
      meta,
    }) as Promise<string>;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the network worker was stopped'));
    if (worker) await worker.terminate();
  }

  private run(request: WorkerRequest): Promise<PackedNetwork | string> {
    if (this.closed) return Promise.reject(new Error('the network worker pool is closed'));
    return new Promise((resolve, reject) => {
      const worker = this.started();
      this.pending.set(request.id, { resolve, reject });
      worker.ref();
      worker.postMessage(request);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(this.file)) {
      throw new Error(`network worker ${this.file} is missing: run \`npm run build\` first`);
    }
    const worker = new Worker(this.file);
    worker.on('message', (response: WorkerResponse) => this.settle(response));
    worker.on('error', (error) => this.crashed(worker, error));
    worker.on('exit', (code) => this.crashed(worker, new Error(`network worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(response: WorkerResponse) {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (response.ok) pending.resolve(response.value);
    else pending.reject(new Error(response.error));
  }

  private crashed(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(error);
  }

  private failAll(error: Error) {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const job of pending) job.reject(error);
  }
}
