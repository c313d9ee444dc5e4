import type { Logger } from 'pino';
import type { CypherExecutor } from '../db/executor';
import type { Slice } from '../slice';
import { NetworkWorkerPool } from './network.pool';
import { NetworkRepository } from './network.repository';
import { NetworkResolver } from './network.resolver';
import { networkExportRoutes } from './network.routes';
import { NetworkService } from './network.service';
import { viewerRoutes } from './viewer.routes';

/** The network slice, with the service coordinators' graph analytics build on. */
export interface NetworkSlice extends Slice {
  network: NetworkService;
}

/** The render-ready network: the GraphQL query, the file exports and the viewer page. */
export function networkSlice(executor: CypherExecutor, logger: Logger): NetworkSlice {
  // The worker thread starts on the first network request, not here.
  const network = new NetworkService(new NetworkRepository(executor), new NetworkWorkerPool());
  return {
    name: 'network',
    resolvers: [new NetworkResolver(network)],
    routes: (app) => {
      networkExportRoutes(network, logger)(app);
      viewerRoutes()(app);
    },
    close: () => network.close(),
    network,
  };
}
