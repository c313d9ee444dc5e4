/**
 * Entry of the network worker thread (see `NetworkWorkerPool` in network.pool.ts): answers compute and
 * serialise jobs, one after another, with plain data. Loads only the pure network modules and
 * graphology, never the GraphQL schema.
 */
import { parentPort } from 'node:worker_threads';
import { computeNetwork } from './network.compute';
import { serialiseNetwork } from './network.export';
import { packNetwork, transferables, unpackNetwork } from './network.packing';
import type { WorkerRequest, WorkerResponse } from './network.pool';

/** The answer to one job and the buffers to move (not copy) to the requesting thread. */
function answer(request: WorkerRequest): [WorkerResponse, ArrayBuffer[]] {
  try {
    if (request.task === 'compute') {
      const packed = packNetwork(computeNetwork(request.rows, request.settings));
      return [{ id: request.id, ok: true, value: packed }, transferables(packed)];
    }
    const network = unpackNetwork(request.network);
    const body = serialiseNetwork(network, request.format, request.meta);
    return [{ id: request.id, ok: true, value: body }, []];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ id: request.id, ok: false, error: message }, []];
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: WorkerRequest) => port.postMessage(...answer(request)));
}
