import { Role } from '../../src/auth/auth.types';
import type { CooperationState } from '../../src/cooperations/cooperation-write.repository';
import {
  CooperationKind,
  CooperationStatus,
  ParticipationRole,
} from '../../src/cooperations/cooperation.types';
import {
  assertNamedPartner,
  assertOpenProposal,
  effectiveStatus,
} from '../../src/cooperations/proposal.checks';
import { proposalNotifications } from '../../src/cooperations/proposal.notifications';
import { proposalQueries } from '../../src/cooperations/proposal.repository';

const cooperation = { id: 'c-1', title: 'Sport verbindet' };
const named = ['p-lead', 'p-b', 'p-c'];

describe('proposalNotifications', () => {
  it.each([
    [{ kind: 'PROPOSED', proposer: 'p-lead' } as const, ['p-b', 'p-c'], 'p-lead'],
    [{ kind: 'CONFIRMED', by: 'p-b' } as const, ['p-lead', 'p-c'], 'p-b'],
    [{ kind: 'ACTIVE', lastConfirmer: 'p-c' } as const, ['p-lead', 'p-b'], 'p-c'],
    [{ kind: 'DECLINED', by: 'p-b' } as const, ['p-lead', 'p-c'], 'p-b'],
    [{ kind: 'WITHDRAWN', by: 'p-lead' } as const, ['p-b', 'p-c'], 'p-lead'],
    [{ kind: 'WITHDRAWN', by: null } as const, named, null],
    [{ kind: 'EXPIRED', proposer: 'p-lead' } as const, named, 'p-lead'],
    [{ kind: 'PROPOSED', proposer: null } as const, named, null],
  ])('should tell %j to everyone but the actor', (event, told, other) => {
    const drafts = proposalNotifications(cooperation, named, event);
    expect(drafts.map((d) => d.partnerId)).toEqual(told);
    expect(drafts.every((d) => d.kind === `COOPERATION_${event.kind}`)).toBe(true);
    expect(drafts.every((d) => d.otherPartnerId === other && d.text === cooperation.title)).toBe(
      true,
    );
    expect(drafts.every((d) => d.subjectId === 'c-1')).toBe(true);
  });
});

describe('proposal checks', () => {
  const state = (change: Partial<CooperationState> = {}): CooperationState => ({
    id: 'c-1',
    title: 'T',
    kind: CooperationKind.NETWORK_PROJECT,
    status: CooperationStatus.DRAFT,
    startedOn: '2025-01-01',
    endedOn: null,
    proposedBy: 'p-lead',
    expired: false,
    participants: [{ id: 'p-lead', role: ParticipationRole.LEAD, confirmedAt: 'x' }],
    ...change,
  });

  it('should report an expired DRAFT as EXPIRED, in the message and extensions', () => {
    expect(effectiveStatus(state({ expired: true }))).toBe(CooperationStatus.EXPIRED);
    expect(() => assertOpenProposal(state({ expired: true }), 'confirmCooperation')).toThrow(
      'expected status DRAFT for confirmCooperation, got EXPIRED',
    );
    expect(() => assertOpenProposal(state(), 'confirmCooperation')).not.toThrow();
  });

  it('should refuse coordinators and partners not named with FORBIDDEN', () => {
    const coordinator = { role: Role.COORDINATOR, subject: 'office' };
    expect(() => assertNamedPartner(coordinator, state(), 'confirmCooperation')).toThrow(
      /got a coordinator/,
    );
    const stranger = { role: Role.PARTNER, subject: 'x', partnerId: 'p-x' };
    expect(() => assertNamedPartner(stranger, state(), 'declineCooperation')).toThrow(
      /got partner p-x/,
    );
  });
});

describe('proposalQueries', () => {
  it('should keep every value a parameter', () => {
    const { cypher, params } = proposalQueries.decide('c-9', CooperationStatus.DECLINED, 'p-9');
    expect(cypher).not.toMatch(/c-9|p-9|'DECLINED'/);
    expect(params).toEqual({ id: 'c-9', status: 'DECLINED', decidedBy: 'p-9' });
    expect(proposalQueries.expire(['c-9']).cypher).not.toMatch(/c-9|'DRAFT'|'EXPIRED'/);
  });
});
