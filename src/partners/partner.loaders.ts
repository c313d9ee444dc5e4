import DataLoader from 'dataloader';
import { type ChildArgs, childPageLoader } from '../common/child-page-loader';
import { perRequest } from '../context';
import type { CooperationRepository } from '../cooperations/cooperation.repository';
import type { CooperationFilter } from '../cooperations/cooperation.types';
import type { EventRepository } from '../events/event.repository';
import type { TopicRepository } from '../topics/topic.repository';
import type { OfferNeedRepository } from './offer-need.repository';
import type { PartnerRepository } from './partner.repository';

/** What the partner loaders read through. */
export interface PartnerLoaderSources {
  partners: PartnerRepository;
  topics: TopicRepository;
  events: EventRepository;
  cooperations: CooperationRepository;
  /** Offers and needs of profiles (built by the partners slice itself). */
  offersNeeds: OfferNeedRepository;
}

/**
 * The DataLoaders of partners, one set per operation: every nested field of a partner reads
 * through one of them, so a list of N partners costs one query per field, not N (no N+1).
 */
export function partnerLoaders({
  partners,
  topics,
  events,
  cooperations,
  offersNeeds,
}: PartnerLoaderSources) {
  return perRequest((ctx) => ({
    partner: new DataLoader((ids: readonly string[]) => partners.findByIds(ids)),
    partnerPrivate: new DataLoader((ids: readonly string[]) => partners.findPrivate(ids)),
    // The contact data partners share with the calling partner (accepted contact requests).
    partnerSharedContact: new DataLoader((ids: readonly string[]) =>
      ctx.user?.partnerId
        ? partners.findSharedContacts(ctx.user.partnerId, ids)
        : Promise.resolve(ids.map(() => null)),
    ),
    partnerDimensions: new DataLoader((ids: readonly string[]) => partners.findDimensions(ids)),
    partnerTopics: new DataLoader((ids: readonly string[]) => topics.findByPartners(ids)),
    partnerDistrict: new DataLoader((ids: readonly string[]) => partners.findDistricts(ids)),
    partnerEvents: new DataLoader((ids: readonly string[]) => events.findAttendedBy(ids)),
    // One loader for both lists: a selection of offers and needs costs one query, not two.
    partnerOffersNeeds: new DataLoader((ids: readonly string[]) => offersNeeds.findByPartners(ids)),
    partnerCooperations: childPageLoader((ids, args: ChildArgs<CooperationFilter>) =>
      cooperations.findPagesByParents('Partner', ids, args.filter, args.request),
    ),
  }));
}

/** The partner loaders of one operation. */
export type PartnerLoaders = ReturnType<ReturnType<typeof partnerLoaders>>;
