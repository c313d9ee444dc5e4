import { CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../src/app';
import { EXCHANGE_MUTATIONS as M, mutate } from '../support/exchange-client';
import { startTestApp, wsClient, wsExecute } from '../support/test-app';
import { coordinatorAuth } from '../support/tokens';

/** Short, so that the test of the connection-init timeout does not wait 3 s. */
const INIT_TIMEOUT_MS = 400;
const MAX_PAYLOAD_BYTES = 8 * 1024;
/** ws's own close code for a message over `maxPayload` (RFC 6455 "message too big"). */
const MESSAGE_TOO_BIG = 1009;

const ACTIVITY = `subscription A($exchangeId: ID!) { exchangeActivity(exchangeId: $exchangeId) { sequence type } }`;

/** A raw WebSocket (no graphql-ws client) that records how it was closed. */
interface RawSocket {
  socket: WebSocket;
  /** Resolves with the close code and reason, whoever closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** Every message the server sent, parsed. */
  received: { type: string; id?: string; payload?: unknown }[];
  send(message: unknown): void;
  /** Resolves when a message of `type` has arrived. */
  waitFor(type: string): Promise<void>;
}

describe('graphql-ws protocol edge cases', () => {
  let app: App;
  let exchangeId: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      WS_CONNECTION_INIT_TIMEOUT_MS: String(INIT_TIMEOUT_MS),
      WS_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD_BYTES),
    });
    const coordinator = await coordinatorAuth();
    const created = await mutate<{ createExchange: { id: string } }>(
      app,
      M.create,
      { input: { title: `Protocol edge cases ${Date.now()}` } },
      coordinator,
    );
    exchangeId = created.createExchange.id;
    await mutate(app, M.open, { id: exchangeId }, coordinator);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });

  afterAll(async () => {
    await mutate(app, M.close, { id: exchangeId }, await coordinatorAuth());
    await app.stop();
  });

  function connect(protocols: string[] = [GRAPHQL_TRANSPORT_WS_PROTOCOL]): Promise<RawSocket> {
    const socket = new WebSocket(app.server.url.replace(/^http/, 'ws'), protocols);
    sockets.push(socket);
    const received: RawSocket['received'] = [];
    const waiters: { type: string; resolve: () => void }[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as RawSocket['received'][number];
      received.push(message);
      for (const waiter of waiters.filter((w) => w.type === message.type)) waiter.resolve();
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    return new Promise((resolve, reject) => {
      socket.once('open', () =>
        resolve({
          socket,
          closed,
          received,
          send: (message) =>
            socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
          waitFor: (type) =>
            received.some((m) => m.type === type)
              ? Promise.resolve()
              : new Promise((done) => waiters.push({ type, resolve: done })),
        }),
      );
      socket.once('error', reject);
    });
  }

  /** Opens a socket and completes the handshake, optionally with a token. */
  async function acknowledged(payload?: Record<string, unknown>): Promise<RawSocket> {
    const raw = await connect();
    raw.send({ type: MessageType.ConnectionInit, payload });
    await raw.waitFor(MessageType.ConnectionAck);
    return raw;
  }

  /** The server still serves: a fresh graphql-ws client runs a query. */
  async function expectHealthy(): Promise<void> {
    const client = wsClient(app);
    try {
      const result = await wsExecute<{ dimensions: { key: string }[] }>(
        client,
        '{ dimensions { key } }',
      );
      expect(result.data?.dimensions).toHaveLength(7);
    } finally {
      await client.dispose();
    }
  }

  describe('Connect', () => {
    it('should close with CloseCode.ConnectionInitialisationTimeout when connection_init does not come in time', async () => {
      const raw = await connect();
      const started = Date.now();
      expect(await raw.closed).toEqual({
        code: CloseCode.ConnectionInitialisationTimeout,
        reason: 'Connection initialisation timeout',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(INIT_TIMEOUT_MS - 50);
      await expectHealthy();
    });

    it('should close with CloseCode.TooManyInitialisationRequests on a second connection_init', async () => {
      const raw = await acknowledged();
      raw.send({ type: MessageType.ConnectionInit });
      expect((await raw.closed).code).toBe(CloseCode.TooManyInitialisationRequests);
      await expectHealthy();
    });

    it('should close with CloseCode.SubprotocolNotAcceptable when no subprotocol is asked for', async () => {
      const raw = await connect([]);
      expect(await raw.closed).toEqual({
        code: CloseCode.SubprotocolNotAcceptable,
        reason: 'Subprotocol not acceptable',
      });
      await expectHealthy();
    });

    it('should not agree to the legacy subscriptions-transport-ws subprotocol', async () => {
      // The server answers the upgrade without a subprotocol; ws then refuses the handshake.
      await expect(connect(['graphql-ws'])).rejects.toThrow('Server sent no subprotocol');
      await expectHealthy();
    });
  });

  describe('Subscribe', () => {
    it('should close with CloseCode.Unauthorized on subscribe before connection_ack', async () => {
      const raw = await connect();
      raw.send({ id: '1', type: MessageType.Subscribe, payload: { query: '{ __typename }' } });
      expect(await raw.closed).toEqual({ code: CloseCode.Unauthorized, reason: 'Unauthorized' });
      await expectHealthy();
    });

    it('should close with CloseCode.SubscriberAlreadyExists on a duplicate operation id', async () => {
      const raw = await acknowledged(await coordinatorAuth());
      const subscribe = {
        id: 'same',
        type: MessageType.Subscribe,
        payload: { query: ACTIVITY, variables: { exchangeId } },
      };
      raw.send(subscribe);
      // The first subscription is running (it replays the exchange's opening) …
      await raw.waitFor(MessageType.Next);
      // … so a second one under its id is a protocol violation.
      raw.send(subscribe);
      expect(await raw.closed).toEqual({
        code: CloseCode.SubscriberAlreadyExists,
        reason: 'Subscriber for same already exists',
      });
      await expectHealthy();
    });

    it('should send errors, not close, for an operation that does not validate', async () => {
      const raw = await acknowledged();
      raw.send({ id: '1', type: MessageType.Subscribe, payload: { query: '{ nope }' } });
      await raw.waitFor(MessageType.Error);
      const error = raw.received.find((m) => m.type === MessageType.Error);
      expect(error?.payload).toEqual([
        expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ]);
      expect(raw.socket.readyState).toBe(WebSocket.OPEN);
    });
  });

  describe('Malformed messages', () => {
    it.each([
      ['invalid JSON', '{"type": "connection_init"'],
      ['an unknown message type', { type: 'start', id: '1', payload: {} }],
      ['a subscribe without an id', { type: MessageType.Subscribe, payload: { query: '{ a }' } }],
      ['a JSON array', '[1, 2, 3]'],
    ])('should close with CloseCode.BadRequest on %s', async (_case, message) => {
      const raw = await acknowledged();
      raw.send(message);
      expect(await raw.closed).toEqual({
        code: CloseCode.BadRequest,
        reason: 'Invalid message received',
      });
      await expectHealthy();
    });

    it('should close with 1009 (message too big) above WS_MAX_PAYLOAD_BYTES', async () => {
      const raw = await acknowledged();
      raw.send({
        id: '1',
        type: MessageType.Subscribe,
        payload: { query: `{ __typename }`, variables: { padding: 'x'.repeat(MAX_PAYLOAD_BYTES) } },
      });
      expect((await raw.closed).code).toBe(MESSAGE_TOO_BIG);
      await expectHealthy();
    });

    it('should take a message just under WS_MAX_PAYLOAD_BYTES', async () => {
      const raw = await acknowledged();
      const padding = 'x'.repeat(MAX_PAYLOAD_BYTES - 200);
      raw.send({
        id: '1',
        type: MessageType.Subscribe,
        payload: { query: '{ __typename }', extensions: { padding } },
      });
      await Promise.race([raw.waitFor(MessageType.Complete), raw.waitFor(MessageType.Error)]);
      expect(raw.received.map((m) => [m.type, m.payload])).toEqual([
        [MessageType.ConnectionAck, undefined],
        [MessageType.Next, { data: { __typename: 'Query' } }],
        [MessageType.Complete, undefined],
      ]);
    });
  });
});
