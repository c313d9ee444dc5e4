import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { CypherExecutor } from '../db/executor';
import { runWrite } from '../db/write-unit';
import { noteProblem } from '../outcomes/outcome.inputs';
import type { PartnerDeparture } from '../partners/partner-departures';
import type { RecordOutreachInput } from './outreach.inputs';
import type { OutreachRepository } from './outreach.repository';
import type { Outreach } from './outreach.types';

/** Most outreach records `outreach(partnerId)` lists. */
export const MAX_OUTREACH_LISTED = 50;

/**
 * The Koordinierungsstelle's record of approaching partners (invited, contacted, answered), so
 * that the inactive-partners list and the gaps' candidates show whom somebody already asked.
 * Coordinators only (the resolver checks the role); partners never see it.
 */
export class OutreachService {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly repository: OutreachRepository,
  ) {}

  /**
   * Records one outreach to a partner (of any status: a paused partner may be asked back).
   * It leaves the alliance graph as readers see it, so the data version stays.
   * @throws BAD_USER_INPUT for a bad note (`extensions.field: input.note`), NOT_FOUND for an
   *   unknown partner
   */
  recordOutreach(
    user: AuthUser | null,
    partnerId: string,
    input: RecordOutreachInput,
  ): Promise<Outreach> {
    const note = input.note?.trim() ? input.note.trim() : null;
    const problem = note === null ? null : noteProblem(note);
    if (problem) {
      throw userError(ErrorCode.BAD_USER_INPUT, `expected input.note to be ${problem}`, {
        field: 'input.note',
      });
    }
    return runWrite(this.executor, { user, operation: 'recordOutreach' }, async (tx) => {
      const outreach = await this.repository.record(tx, {
        id: `or-${randomUUID()}`,
        partnerId,
        kind: input.kind,
        outcome: input.outcome ?? null,
        note,
        by: user?.subject ?? 'unknown',
      });
      if (!outreach) {
        throw userError(ErrorCode.NOT_FOUND, `expected partner ${partnerId} to exist`, {
          argument: 'partnerId',
        });
      }
      return { result: outreach, ids: [outreach.id, partnerId], graphUnchanged: true };
    });
  }

  /** A partner's outreach, newest first (at most {@link MAX_OUTREACH_LISTED}). */
  outreachOf(partnerId: string): Promise<Outreach[]> {
    return this.repository.ofPartner(partnerId, MAX_OUTREACH_LISTED);
  }

  /** After an erasure committed: the partner's outreach goes (its notes may name people). */
  async followUpDeparture({ partnerId, erased, by }: PartnerDeparture): Promise<void> {
    if (!erased) return;
    await runWrite(this.executor, { user: by, operation: 'erasePartner' }, async (tx) => {
      await this.repository.erase(tx, partnerId);
      return { result: null, ids: [partnerId], graphUnchanged: true };
    });
  }
}
