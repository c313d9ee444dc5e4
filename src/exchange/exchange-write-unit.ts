import type { AuthUser } from '../auth/auth.types';
import { KeyedQueue } from '../common/keyed-queue';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { runWrite } from '../db/write-unit';
import {
  appendExchangeEvents,
  type ExchangeEventDraft,
  type ExchangeEventPublisher,
} from './exchange-events';
import { assertExchangeExists, assertPresent } from './exchange.checks';
import type { ExchangeRepository } from './exchange.repository';
import type { ExchangeStatus } from './exchange.types';

/** What one change of an exchange produces: its result, the ids it touched, its events. */
export interface ExchangeChange<T> {
  result: T;
  ids: string[];
  events: ExchangeEventDraft[];
  /**
   * `true` when the change also changed the alliance graph others read and cache (a check-in
   * newly recorded as attendance at the meeting): the data version is then bumped.
   * @default false
   */
  graphChanged?: boolean;
}

/**
 * Runs one change of an existing exchange as one unit: {@link runWrite} (change, audit entry;
 * the data version only when a cooperation is proposed or an attendance newly recorded) plus the exchange's write lock, taken first so that changes of one exchange run
 * one after the other, and its events appended in the same transaction. The committed events
 * go to the publisher after the commit, never before.
 */
export class ExchangeWriteUnit {
  /** Changes of one exchange wait here, not in the database, for the ones before them. */
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly executor: CypherExecutor,
    private readonly repository: ExchangeRepository,
    private readonly publisher: ExchangeEventPublisher,
  ) {}

  /**
   * @param work - gets the transaction and the exchange's status, read under its lock
   * @throws NOT_FOUND for an unknown exchange, and whatever `work` throws (nothing is written)
   */
  async run<T>(
    user: AuthUser,
    operation: string,
    exchangeId: string,
    work: (tx: TransactionRunner, status: ExchangeStatus) => Promise<ExchangeChange<T>>,
  ): Promise<T> {
    const done = await this.queue.run(exchangeId, () =>
      runWrite(this.executor, { user, operation }, async (tx) => {
        const status = await this.repository.lock(tx, exchangeId);
        assertExchangeExists(status, exchangeId);
        const change = await work(tx, status);
        const events = await appendExchangeEvents(tx, exchangeId, change.events);
        // Only a proposed cooperation or a new attendance changes the alliance graph others
        // read and cache; everything else of an exchange skips the data version and its lock.
        const graphUnchanged =
          change.graphChanged !== true && !events.some((e) => e.type === 'COOPERATION_PROPOSED');
        return {
          result: { value: change.result, events },
          ids: [exchangeId, ...change.ids],
          graphUnchanged,
        };
      }),
    );
    this.publisher.publish(done.events);
    return done.value;
  }

  /**
   * Inside {@link ExchangeWriteUnit.run}: posts, interests and proposals come from partners
   * checked in.
   * @throws CONFLICT with `extensions.present = false`
   */
  async assertPresent(tx: TransactionRunner, exchangeId: string, partnerId: string) {
    assertPresent(
      await this.repository.isPresent(tx, exchangeId, partnerId),
      partnerId,
      exchangeId,
    );
  }
}
