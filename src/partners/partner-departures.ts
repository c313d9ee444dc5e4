import type { Logger } from 'pino';
import type { AuthUser } from '../auth/auth.types';

/** A partner that left the alliance or was erased, and the coordinator who recorded it. */
export interface PartnerDeparture {
  partnerId: string;
  erased: boolean;
  by: AuthUser;
}

/** What another slice does after a departure committed. */
export type DepartureFollowUp = (departure: PartnerDeparture) => Promise<void>;

/**
 * Lets other slices follow up on a partner's departure once it committed — the exchange slice
 * checks the partner out and, on erasure, withdraws and blanks its posts — without the partners
 * slice knowing them. Each follow-up is its own write and repeatable, so erasing again repeats one
 * that failed; a failure is logged, not thrown, because the departure itself is done.
 */
export class PartnerDepartures {
  private readonly followUps: DepartureFollowUp[] = [];

  constructor(private readonly logger: Logger) {}

  /** Registers a follow-up; they run in the order registered. */
  onDeparture(followUp: DepartureFollowUp): void {
    this.followUps.push(followUp);
  }

  /** Runs every follow-up of a committed departure. */
  async departed(departure: PartnerDeparture): Promise<void> {
    for (const followUp of this.followUps) {
      try {
        await followUp(departure);
      } catch (error) {
        this.logger.error(
          { err: error, partnerId: departure.partnerId },
          'a follow-up of a partner departure failed; repeat the departure to retry it',
        );
      }
    }
  }
}
