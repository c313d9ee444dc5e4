import fc from 'fast-check';
import { CloseCode } from '../../src/common/errors';
import {
  findViolations,
  isRefusedMutation,
  type ObservedResponse,
  outcomeName,
  outcomeOf,
} from '../fuzz/checks';
import { loadSchema, operationArbitrary, type ValuePools } from '../fuzz/operations';
import { kindOf, post, wsPayloadOf } from '../fuzz/request';
import { observeWs, wsEndOf } from '../fuzz/ws-responses';

/** What a graphql-ws client hands its sink when the socket closes (ws's CloseEvent, in short). */
const closeEvent = (code: number, reason = '') => ({ code, reason, wasClean: true });

/** The response of an arrival that always has one (everything but a query's timeout). */
function observed(...args: Parameters<typeof observeWs>): ObservedResponse {
  const response = observeWs(...args);
  if (!response) throw new Error(`expected a response, got none for ${args[0].kind}`);
  return response;
}

describe('graphql-ws outcomes as the fuzzer checks see them', () => {
  it('should read a result as an accepted response and judge it like an HTTP body', () => {
    const response = observed({ kind: 'next', payload: { data: { dimensions: [] } } }, false);
    expect(response.status).toBe(200);
    expect(findViolations(response, [])).toEqual([]);
    expect(outcomeName(outcomeOf(response))).toBe('accepted');
    const leaky = observed(
      {
        kind: 'next',
        payload: { data: null, errors: [{ message: 'Neo.ClientError.Statement.SyntaxError' }] },
      },
      false,
    );
    const problems = findViolations(leaky, []);
    expect(problems).toContain(
      'an error without extensions.code: Neo.ClientError.Statement.SyntaxError',
    );
    expect(problems.join('\n')).toMatch(/internals in an error: .*Neo\.ClientError/);
  });

  it('should read an error message as a refusal that changed nothing', () => {
    const refused = observed(
      {
        kind: 'error',
        error: [{ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
      },
      false,
    );
    expect(findViolations(refused, [])).toEqual([]);
    expect(outcomeName(outcomeOf(refused))).toBe('refused:GRAPHQL_PARSE_FAILED');
    expect(isRefusedMutation(refused)).toBe(true);
    const uncoded = observed({ kind: 'error', error: [{ message: 'Too many' }] }, false);
    expect(findViolations(uncoded, [])).toEqual(['an error without extensions.code: Too many']);
  });

  it('should count the refusal close codes as refusals, not violations', () => {
    for (const code of [
      CloseCode.BadRequest,
      CloseCode.Unauthorized,
      CloseCode.Forbidden,
      CloseCode.SubscriberAlreadyExists,
      CloseCode.TooManyInitialisationRequests,
      1009,
    ]) {
      const closed = observed({ kind: 'error', error: closeEvent(code, 'Forbidden') }, false);
      expect(findViolations(closed, [])).toEqual([]);
      expect(outcomeName(outcomeOf(closed))).toBe(`ws-close:${code}`);
      expect(isRefusedMutation(closed)).toBe(true);
    }
  });

  it('should flag an internal error close and any other unexpected close', () => {
    const internal = observed({ kind: 'error', error: closeEvent(1011, 'boom') }, false);
    expect(findViolations(internal, [])).toEqual([
      'the WebSocket closed with 1011 (an internal error): "boom"',
    ]);
    const graphqlWsInternal = closeEvent(CloseCode.InternalServerError, 'Internal server error');
    expect(findViolations(observed({ kind: 'error', error: graphqlWsInternal }, true), [])).toEqual(
      ['the WebSocket closed with 4500 (an internal error): "Internal server error"'],
    );
    const abnormal = observed({ kind: 'error', error: closeEvent(1006) }, false);
    expect(findViolations(abnormal, []).join()).toMatch(/closed with 1006 \(a code that is no/);
    const timeout = closeEvent(CloseCode.ConnectionInitialisationTimeout, 'timeout');
    expect(findViolations(observed({ kind: 'error', error: timeout }, false), [])).toHaveLength(1);
  });

  it('should flag internals in a close reason even when the code is a refusal', () => {
    const reason = 'Invalid message at parse (/app/node_modules/graphql-ws/dist/common.js:10:5)';
    const closed = observed(
      { kind: 'error', error: closeEvent(CloseCode.BadRequest, reason) },
      false,
    );
    expect(findViolations(closed, []).join('\n')).toMatch(/stack trace.*node_modules/s);
  });

  it('should flag a client failure and a query that completes without a result', () => {
    const failed = observed({ kind: 'error', error: new Error('socket hang up') }, false);
    expect(findViolations(failed, [])).toEqual(['the graphql-ws client failed: socket hang up']);
    expect(outcomeName(outcomeOf(failed))).toBe('ws-failed');
    const empty = observed({ kind: 'complete' }, false);
    expect(findViolations(empty, []).join()).toMatch(/completed without a result/);
  });

  it('should accept a silent or completed subscription and report a silent query as no answer', () => {
    const silent = observed({ kind: 'timeout' }, true);
    expect(findViolations(silent, [])).toEqual([]);
    expect(outcomeName(outcomeOf(silent))).toBe('ws-silent');
    const completed = observed({ kind: 'complete' }, true);
    expect(findViolations(completed, [])).toEqual([]);
    expect(outcomeName(outcomeOf(completed))).toBe('ws-completed');
    expect(observeWs({ kind: 'timeout' }, false)).toBeUndefined();
  });

  it('should tell close events from other client errors', () => {
    expect(wsEndOf({ code: 4499, reason: 'Terminated', message: '4499: Terminated' })).toEqual({
      kind: 'closed',
      code: 4499,
      reason: 'Terminated',
    });
    expect(wsEndOf({ type: 'error', message: 'connect ECONNREFUSED' })).toEqual({
      kind: 'failed',
      message: 'connect ECONNREFUSED',
    });
    expect(wsEndOf('odd')).toEqual({ kind: 'failed', message: 'odd' });
  });
});

describe('which operations the fuzzer sends over graphql-ws', () => {
  it('should give documents a WebSocket form and keep GET and malformed HTTP on HTTP', () => {
    const request = post('schema:valid', 'query Fuzz($v: ID!) { partner(id: $v) { id } }', {
      v: 'p-1',
    });
    expect(wsPayloadOf(request)).toEqual({
      query: 'query Fuzz($v: ID!) { partner(id: $v) { id } }',
      variables: { v: 'p-1' },
    });
    expect(wsPayloadOf({ ...request, method: 'GET', shape: 'http:get' })).toBeUndefined();
    expect(wsPayloadOf({ ...request, shape: 'http:malformed' })).toBeUndefined();
    expect(wsPayloadOf({ ...request, payload: '{"query": 42}' })).toBeUndefined();
    const listed = { ...request, payload: '{"query": "{ a }", "variables": [1]}' };
    expect(wsPayloadOf(listed)).toBeUndefined();
  });

  it('should tell subscriptions, mutations and queries apart by their document', () => {
    expect(kindOf('  subscription Fuzz { mySuggestions(exchangeId: "x") { score } }')).toBe(
      'subscription',
    );
    expect(kindOf('mutation Fuzz { admitPartner(id: "p-1") { id } }')).toBe('mutation');
    expect(kindOf('mutation Fuzz { admitPar')).toBe('mutation');
    expect(kindOf('{ dimensions { key } }')).toBe('query');
  });

  it('should send about a quarter of the documents over graphql-ws, the same for a seed', () => {
    const pools: ValuePools = {
      partnerIds: ['p-00001', 'p-00002'],
      cooperationIds: ['c-00001'],
      eventIds: ['e-00001'],
      dimensionKeys: ['age'],
      topicKeys: ['sport'],
      districtKeys: ['mitte'],
      boroughKeys: ['mitte'],
    };
    const arbitrary = operationArbitrary(loadSchema(), pools);
    const operations = fc.sample(arbitrary, { seed: 7, numRuns: 600 });
    const overWs = operations.filter((op) => op.transport === 'ws');
    const carriable = operations.filter((op) => wsPayloadOf(op) !== undefined);
    expect(overWs.every((op) => wsPayloadOf(op) !== undefined)).toBe(true);
    expect(overWs.length / carriable.length).toBeGreaterThan(0.15);
    expect(overWs.length / carriable.length).toBeLessThan(0.35);
    const kinds = new Set(overWs.map((op) => op.kind));
    expect([...kinds].sort()).toEqual(['mutation', 'query', 'subscription']);
    const again = fc.sample(arbitrary, { seed: 7, numRuns: 600 });
    expect(again.map((op) => op.transport)).toEqual(operations.map((op) => op.transport));
  });
});
