import type { CypherExecutor } from '../db/executor';
import type { PartnerDepartures } from '../partners/partner-departures';
import type { Slice } from '../slice';
import { ContactRequestMutationResolver } from './contact-request.mutations';
import { type ContactLoaders, ContactRequestResolver } from './contact-request.resolver';
import { ContactRequestService, type ContactRequestSettings } from './contact-request.service';

/** What the contacts slice is built from. */
export interface ContactsSliceDeps {
  executor: CypherExecutor;
  /** The partner loader of the partners slice (a request's `from` and `to`). */
  loaders: ContactLoaders;
  /** On erasure the partner's messages go and its shared contacts end. */
  departures: PartnerDepartures;
  settings: ContactRequestSettings;
}

/** Contact requests with consent (Kontaktanfragen): ask, accept or decline, revoke. */
export function contactsSlice(deps: ContactsSliceDeps): Slice {
  const service = new ContactRequestService(deps.executor, deps.settings);
  deps.departures.onDeparture((departed) => service.followUpDeparture(departed));
  return {
    name: 'contacts',
    resolvers: [
      new ContactRequestResolver(service, deps.loaders),
      new ContactRequestMutationResolver(service),
    ],
  };
}
