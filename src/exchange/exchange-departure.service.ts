import type { PartnerDeparture } from '../partners/partner-departures';
import { actorOf } from './exchange.checks';
import type { ExchangeEventDraft } from './exchange-events';
import type { ExchangeRepository } from './exchange.repository';
import type { ExchangeWriteUnit } from './exchange-write-unit';

/**
 * What the exchange does when a partner leaves or is erased: it is checked out of every
 * exchange it is still checked in to (open or closed), and on erasure its posts everywhere are
 * withdrawn and their text replaced, since a post may name people or give their addresses.
 * Each exchange is changed through {@link ExchangeWriteUnit}, with CHECKED_OUT and
 * POST_WITHDRAWN events for the live streams.
 */
export class ExchangeDepartureService {
  constructor(
    private readonly repository: ExchangeRepository,
    private readonly writes: ExchangeWriteUnit,
  ) {}

  /** Follows up a departure (see the class); repeating it changes nothing more. */
  async followUp({ partnerId, erased, by }: PartnerDeparture): Promise<void> {
    const operation = erased ? 'erasePartner' : 'recordPartnerLeft';
    for (const exchangeId of await this.repository.departedFrom(partnerId, erased)) {
      await this.writes.run(by, operation, exchangeId, async (tx) => {
        const events: ExchangeEventDraft[] = [];
        const actorId = actorOf(by);
        if (await this.repository.checkOut(tx, exchangeId, partnerId)) {
          events.push({ type: 'CHECKED_OUT', actorId, audience: null, payload: { partnerId } });
        }
        const posts = erased ? await this.repository.erasePosts(tx, exchangeId, partnerId) : [];
        for (const post of posts.filter((p) => !p.wasWithdrawn)) {
          const payload = { postId: post.id, partnerId, kind: post.kind };
          events.push({ type: 'POST_WITHDRAWN', actorId, audience: null, payload });
        }
        return { result: null, ids: [partnerId, ...posts.map((p) => p.id)], events };
      });
    }
  }
}
