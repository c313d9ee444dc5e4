import { GraphQLError } from 'graphql';
import {
  answerStep,
  contactMessageProblem,
  contextProblems,
  cooldownEnd,
  lastRefusalAt,
  MAX_CONTACT_MESSAGE,
  pairVerdict,
} from '../../src/contacts/contact-request.checks';
import {
  ContactContextKind,
  type ContactRequest,
  ContactRequestStatus,
} from '../../src/contacts/contact-request.types';
import { countsOf } from '../../src/contacts/contact-request.repository';

/** A request of the pair a–b; tests change what they test. */
const request = (change: Partial<ContactRequest>): ContactRequest => ({
  id: 'cr-1',
  fromPartnerId: 'a',
  toPartnerId: 'b',
  message: 'Hallo',
  status: ContactRequestStatus.PENDING,
  context: { kind: ContactContextKind.PROFILE, exchangeId: null, matchId: null },
  createdAt: '2026-01-01T10:00:00Z',
  answeredAt: null,
  revokedAt: null,
  revokedBy: null,
  ...change,
});

describe('contact request message', () => {
  it.each([
    ['a short message', 'Hallo!'],
    ['line breaks and tabs', 'Hallo,\n\twir möchten euch kennenlernen.\n'],
    [`${MAX_CONTACT_MESSAGE} characters`, 'x'.repeat(MAX_CONTACT_MESSAGE)],
    [`${MAX_CONTACT_MESSAGE} emoji (one character each)`, '🤝'.repeat(MAX_CONTACT_MESSAGE)],
  ])('should accept %s', (_case, message) => {
    expect(contactMessageProblem(message)).toBeNull();
  });

  it.each([
    ['an empty message', '', /not blank/],
    ['a blank message', ' \n\t', /not blank/],
    ['one character too many', 'x'.repeat(MAX_CONTACT_MESSAGE + 1), /1-1000 characters/],
    ['a NUL', 'a\u0000b', /control characters/],
    ['a carriage return', 'a\r\nb', /control characters/],
    ['an escape sequence', '\u001b[31mrot', /control characters/],
    ['a C1 control character', 'a\u0085b', /control characters/],
    ['a number', 42, /a message/],
  ])('should refuse %s', (_case, message, problem) => {
    expect(contactMessageProblem(message)).toMatch(problem);
  });
});

describe('contact request context', () => {
  it('should ask an EXCHANGE_MATCH for its match, and only an EXCHANGE_MATCH', () => {
    expect(contextProblems({ kind: ContactContextKind.EXCHANGE_MATCH })).toEqual([
      { path: 'input.context.matchId', reason: expect.stringMatching(/got nothing/) },
    ]);
    expect(contextProblems({ kind: ContactContextKind.EXCHANGE_MATCH, matchId: 'm' })).toEqual([]);
    expect(contextProblems({ kind: ContactContextKind.SUGGESTION, matchId: 'm' })).toEqual([
      { path: 'input.context.matchId', reason: 'expected no matchId for a SUGGESTION, got one' },
    ]);
    expect(contextProblems({ kind: ContactContextKind.PROFILE, exchangeId: 'x' })).toEqual([]);
  });
});

describe('pairVerdict', () => {
  it('should make a new request when the pair has none or only closed ones', () => {
    expect(pairVerdict('a', [])).toEqual({ kind: 'none' });
    const closed = [
      request({ status: ContactRequestStatus.DECLINED }),
      request({ id: 'cr-2', status: ContactRequestStatus.REVOKED }),
    ];
    expect(pairVerdict('a', closed)).toEqual({ kind: 'none' });
  });

  it('should answer a repeat with the own PENDING request', () => {
    const own = request({});
    expect(pairVerdict('a', [own])).toEqual({ kind: 'existing', request: own });
  });

  it('should answer either side with the ACCEPTED request: the contact is shared already', () => {
    const accepted = request({ status: ContactRequestStatus.ACCEPTED });
    expect(pairVerdict('a', [accepted])).toEqual({ kind: 'existing', request: accepted });
    expect(pairVerdict('b', [accepted])).toEqual({ kind: 'existing', request: accepted });
  });

  it('should point the asked partner to the request waiting for its answer', () => {
    const waiting = request({});
    expect(pairVerdict('b', [waiting])).toEqual({ kind: 'incoming', request: waiting });
  });
});

describe('cool-down', () => {
  const declined = request({
    status: ContactRequestStatus.DECLINED,
    answeredAt: '2026-01-10T00:00:00Z',
  });
  const revokedByB = request({
    id: 'cr-2',
    status: ContactRequestStatus.REVOKED,
    revokedAt: '2026-02-01T00:00:00Z',
    revokedBy: 'b',
  });

  it('should hold back the requester after the target declined or revoked, from the latest no', () => {
    expect(lastRefusalAt('a', 'b', [declined])).toBe('2026-01-10T00:00:00Z');
    expect(lastRefusalAt('a', 'b', [revokedByB, declined])).toBe('2026-02-01T00:00:00Z');
  });

  it('should not hold back the partner who said no itself', () => {
    expect(lastRefusalAt('b', 'a', [declined])).toBeNull();
    expect(lastRefusalAt('b', 'a', [revokedByB])).toBeNull();
  });

  it('should end the cool-down after the configured days', () => {
    const at = '2026-01-10T00:00:00Z';
    expect(cooldownEnd(at, 30, new Date('2026-02-08T23:59:59Z'))?.toISOString()).toBe(
      '2026-02-09T00:00:00.000Z',
    );
    expect(cooldownEnd(at, 30, new Date('2026-02-09T00:00:00Z'))).toBeNull();
    expect(cooldownEnd(at, 0, new Date('2026-01-10T00:00:00Z'))).toBeNull();
    expect(cooldownEnd(null, 30, new Date())).toBeNull();
  });
});

describe('answers', () => {
  it('should apply to a PENDING request and be a no-op when repeated', () => {
    expect(answerStep(request({}), ContactRequestStatus.ACCEPTED)).toBe('apply');
    const accepted = request({ status: ContactRequestStatus.ACCEPTED });
    expect(answerStep(accepted, ContactRequestStatus.ACCEPTED)).toBe('noOp');
  });

  it('should refuse any other change with CONFLICT naming the status', () => {
    const declined = request({ status: ContactRequestStatus.DECLINED });
    let error: unknown;
    try {
      answerStep(declined, ContactRequestStatus.ACCEPTED);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'DECLINED',
    });
  });
});

describe('stats counts', () => {
  it('should add up rows by status', () => {
    expect(
      countsOf([
        { status: ContactRequestStatus.PENDING, n: 2 },
        { status: ContactRequestStatus.ACCEPTED, n: 3 },
        { status: ContactRequestStatus.REVOKED, n: 1 },
      ]),
    ).toEqual({ total: 6, pending: 2, accepted: 3, declined: 0, revoked: 1 });
  });
});
