import { type AuthUser, Role } from '../auth/auth.types';
import { assertId } from '../common/checks';
import { ErrorCode, userError } from '../common/errors';
import { requireUser } from '../cooperations/cooperation-write.checks';
import type { ExchangeInterestRepository } from './exchange-interest.repository';
import type { ExchangeRepository } from './exchange.repository';
import {
  type ExchangeInterest,
  ExchangeInterestDirection,
  type ExchangeMatch,
} from './exchange.types';

/**
 * A partner's own side of a Kooperationsbörse: its matches and interests, which the stream shows
 * only as they happen. A partner reads its own, also after checking out or after the exchange
 * closed; coordinators, who have no partner and see every event of the stream, read all of
 * the exchange.
 */
export class MyExchangeService {
  constructor(
    private readonly exchanges: ExchangeRepository,
    private readonly interests: ExchangeInterestRepository,
  ) {}

  /**
   * The caller's matches in the exchange (coordinators: all), oldest first.
   * @throws UNAUTHENTICATED without a token; NOT_FOUND for an unknown exchange
   */
  async myMatches(caller: AuthUser | null, exchangeId: string): Promise<ExchangeMatch[]> {
    const partnerId = await this.scope(caller, exchangeId, 'myMatches');
    return this.interests.listMatches(exchangeId, partnerId);
  }

  /**
   * The interests the caller expressed (SENT) and/or received (RECEIVED; null: both) in the
   * exchange, oldest first; coordinators get all interests of the exchange.
   * @throws UNAUTHENTICATED without a token; NOT_FOUND for an unknown exchange
   */
  async myInterests(
    caller: AuthUser | null,
    exchangeId: string,
    direction: ExchangeInterestDirection | null,
  ): Promise<ExchangeInterest[]> {
    const partnerId = await this.scope(caller, exchangeId, 'myInterests');
    return this.interests.listInterests(exchangeId, partnerId, {
      sent: direction !== ExchangeInterestDirection.RECEIVED,
      received: direction !== ExchangeInterestDirection.SENT,
    });
  }

  /** Whose lists to read: the caller's partner, or `null` (all) for a coordinator. */
  private async scope(
    caller: AuthUser | null,
    exchangeId: string,
    operation: string,
  ): Promise<string | null> {
    const user = requireUser(caller);
    assertId('exchangeId', exchangeId);
    const status = await this.exchanges.status(this.exchanges.reader(operation), exchangeId);
    if (status === null) {
      throw userError(ErrorCode.NOT_FOUND, `expected an exchange with id ${exchangeId}, got none`, {
        argument: 'exchangeId',
      });
    }
    if (user.role === Role.COORDINATOR) return null;
    if (!user.partnerId) {
      throw userError(ErrorCode.FORBIDDEN, 'Only a partner has matches and interests of its own.');
    }
    return user.partnerId;
  }
}
