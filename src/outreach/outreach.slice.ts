import type { CypherExecutor } from '../db/executor';
import type { PartnerDepartures } from '../partners/partner-departures';
import type { Slice } from '../slice';
import { outreachLoaders } from './outreach.loaders';
import { OutreachRepository } from './outreach.repository';
import { OutreachResolver } from './outreach.resolver';
import { OutreachService } from './outreach.service';

/** What the outreach slice is built from. */
export interface OutreachSliceDeps {
  executor: CypherExecutor;
  /** Where erasures are announced: an erased partner's outreach goes with it. */
  departures: PartnerDepartures;
}

/** The outreach slice, with the loaders the analytics show the latest outreach through. */
export interface OutreachSlice extends Slice {
  loaders: ReturnType<typeof outreachLoaders>;
}

/** Outreach records of the Koordinierungsstelle (coordinators only). */
export function outreachSlice(deps: OutreachSliceDeps): OutreachSlice {
  const repository = new OutreachRepository(deps.executor);
  const service = new OutreachService(deps.executor, repository);
  deps.departures.onDeparture((departure) => service.followUpDeparture(departure));
  return {
    name: 'outreach',
    resolvers: [new OutreachResolver(service)],
    loaders: outreachLoaders(repository),
  };
}
