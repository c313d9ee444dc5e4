import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import { EXCHANGE_MUTATIONS as M, mutate } from '../support/exchange-client';
import { postGraphQL, startTestApp, wsClient } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

const ACTIVITY = `subscription A($exchangeId: ID!, $after: String) {
  exchangeActivity(exchangeId: $exchangeId, after: $after) {
    cursor sequence type partnerId targetPartnerId postId } }`;

interface Activity {
  cursor: string;
  sequence: number;
  type: string;
  partnerId: string | null;
  targetPartnerId: string | null;
}

/** A live subscription that records what arrives, and how it ended. */
interface Recording<T> {
  items: T[];
  errors: unknown[];
  completed: Promise<void>;
  /** Resolves once `n` items arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

function record<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  field: string,
) {
  const items: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  let finish: () => void = () => undefined;
  const completed = new Promise<void>((resolve) => (finish = resolve));
  const stop = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        const item = value.data?.[field];
        if (item !== undefined) items.push(item);
        waiters.forEach((w) => w());
      },
      error: (error) => {
        // Refusals before execution arrive as a list of GraphQL errors, a closed socket as one event.
        errors.push(...(Array.isArray(error) ? error : [error]));
        finish();
        waiters.forEach((w) => w());
      },
      complete: () => {
        finish();
        waiters.forEach((w) => w());
      },
    },
  );
  const recording: Recording<T> = {
    items,
    errors,
    completed,
    stop,
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`got ${items.length} of ${n}: ${JSON.stringify(errors)}`)),
          timeoutMs,
        );
        const check = () => {
          if (items.length >= n || errors.length > 0) {
            clearTimeout(timer);
            resolve(items);
          }
        };
        waiters.push(check);
        check();
      }),
  };
  return recording;
}

const bearer = async (headers: Promise<Record<string, string>>) => ({
  authorization: (await headers).authorization,
});

describe('exchange streams over graphql-ws', () => {
  let app: App;
  let coordinator: Record<string, string>;
  const clients: Client[] = [];
  let seeker: string;
  let present: string[];
  let absent: string;

  /** A graphql-ws client with a bearer token; disposed after the suite. */
  async function client(headers?: Promise<Record<string, string>> | Record<string, string>) {
    const params = headers ? await bearer(Promise.resolve(headers)) : undefined;
    const c = wsClient(app, params);
    clients.push(c);
    return c;
  }

  async function newOpenExchange(): Promise<string> {
    const created = await mutate<{ createExchange: { id: string } }>(
      app,
      M.create,
      { input: { title: `Börse ${Date.now()}-${Math.random()}` } },
      coordinator,
    );
    const id = created.createExchange.id;
    await mutate(app, M.open, { id }, coordinator);
    return id;
  }

  const checkIn = async (exchangeId: string, partnerId: string) =>
    mutate(app, M.checkIn, { exchangeId, partnerId }, await partnerAuth(partnerId));

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    // A seeker and three of its suggested partners: all ACTIVE, eligible pairs with the seeker.
    const { body } = await postGraphQL<{
      partners: { edges: { node: { id: string; suggestions: { partner: { id: string } }[] } }[] };
    }>(
      app,
      `{ partners(first: 1, filter: { statuses: [ACTIVE], cooperatedSince: "2016-01-01" }) {
        edges { node { id suggestions(first: 4) { partner { id } } } } } }`,
    );
    const node = body.data?.partners.edges[0]?.node;
    if (!node) throw new Error(JSON.stringify(body.errors));
    seeker = node.id;
    const suggested = node.suggestions.map((s) => s.partner.id);
    present = suggested.slice(0, 2);
    absent = suggested[2] as string;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.stop();
  });

  it('should replay what happened, then stream live, in order and without gaps for coordinators', async () => {
    const exchangeId = await newOpenExchange();
    await checkIn(exchangeId, seeker);
    const stream = record<Activity>(
      await client(coordinator),
      ACTIVITY,
      { exchangeId },
      'exchangeActivity',
    );
    await stream.waitFor(2);
    await checkIn(exchangeId, present[0] as string);
    await mutate(
      app,
      M.createPost,
      {
        exchangeId,
        partnerId: seeker,
        input: { kind: 'OFFER', text: 'Räume für Treffen', dimensionKeys: [], topicKeys: [] },
      },
      await partnerAuth(seeker),
    );
    const items = await stream.waitFor(4);
    expect(items.map((i) => i.type)).toEqual([
      'EXCHANGE_OPENED',
      'CHECKED_IN',
      'CHECKED_IN',
      'POST_CREATED',
    ]);
    expect(items.map((i) => i.sequence)).toEqual([1, 2, 3, 4]);
    stream.stop();
  });

  it('should resume after a dropped socket from the cursor, losing and repeating nothing', async () => {
    const exchangeId = await newOpenExchange();
    await checkIn(exchangeId, seeker);
    const first = await client(coordinator);
    const before = record<Activity>(first, ACTIVITY, { exchangeId }, 'exchangeActivity');
    const seen = await before.waitFor(2);
    const cursor = seen[1]?.cursor;
    await first.dispose(); // the phone loses its connection
    for (const partnerId of present) await checkIn(exchangeId, partnerId);
    const again = record<Activity>(
      await client(coordinator),
      ACTIVITY,
      { exchangeId, after: cursor },
      'exchangeActivity',
    );
    const resumed = await again.waitFor(2);
    await checkIn(exchangeId, absent);
    await again.waitFor(3);
    expect(resumed.map((i) => i.sequence)).toEqual([3, 4, 5]);
    expect(resumed.map((i) => i.partnerId)).toEqual([...present, absent]);
    again.stop();
  });

  it('should show an interest only to its target and a match only to both partners', async () => {
    const exchangeId = await newOpenExchange();
    const [other, third] = present as [string, string];
    for (const partnerId of [seeker, other, third]) await checkIn(exchangeId, partnerId);
    const streams = Object.fromEntries(
      await Promise.all(
        [seeker, other, third].map(async (id) => [
          id,
          record<Activity>(
            await client(partnerAuth(id)),
            ACTIVITY,
            { exchangeId },
            'exchangeActivity',
          ),
        ]),
      ),
    ) as Record<string, Recording<Activity>>;
    const coordinatorStream = record<Activity>(
      await client(coordinator),
      ACTIVITY,
      { exchangeId },
      'exchangeActivity',
    );
    await Promise.all([...Object.values(streams), coordinatorStream].map((s) => s.waitFor(4)));
    await mutate(
      app,
      M.expressInterest,
      { exchangeId, partnerId: seeker, inPartnerId: other },
      await partnerAuth(seeker),
    );
    await mutate(
      app,
      M.expressInterest,
      { exchangeId, partnerId: other, inPartnerId: seeker },
      await partnerAuth(other),
    );
    // A public event after both, so every stream has seen everything before it.
    await mutate(app, M.checkOut, { exchangeId, partnerId: third }, await partnerAuth(third));
    const types = async (s: Recording<Activity>, n: number) =>
      (await s.waitFor(n)).map((i) => i.type);
    const all = await types(coordinatorStream, 8);
    expect(all.slice(4)).toEqual([
      'INTEREST_EXPRESSED',
      'INTEREST_EXPRESSED',
      'MATCH',
      'CHECKED_OUT',
    ]);
    expect((await types(streams[other] as Recording<Activity>, 7)).slice(4)).toEqual([
      'INTEREST_EXPRESSED',
      'MATCH',
      'CHECKED_OUT',
    ]);
    expect((await types(streams[seeker] as Recording<Activity>, 7)).slice(4)).toEqual([
      'INTEREST_EXPRESSED',
      'MATCH',
      'CHECKED_OUT',
    ]);
    expect((await types(streams[third] as Recording<Activity>, 5)).slice(4)).toEqual([
      'CHECKED_OUT',
    ]);
    // The third partner checked out: its stream ends.
    await (streams[third] as Recording<Activity>).completed;
    Object.values(streams).forEach((s) => s.stop());
    coordinatorStream.stop();
  });

  it('should refuse anonymous callers, partners not checked in, unknown exchanges and foreign cursors', async () => {
    const exchangeId = await newOpenExchange();
    const codes = async (
      headers: Record<string, string> | undefined,
      variables: Record<string, unknown>,
    ) => {
      const stream = record<Activity>(
        await client(headers),
        ACTIVITY,
        variables,
        'exchangeActivity',
      );
      await stream.completed;
      return (stream.errors as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);
    };
    expect(await codes(undefined, { exchangeId })).toEqual(['UNAUTHENTICATED']);
    expect(await codes(await partnerAuth(absent), { exchangeId })).toEqual(['FORBIDDEN']);
    expect(await codes(coordinator, { exchangeId: 'x-unknown' })).toEqual(['NOT_FOUND']);
    const other = await newOpenExchange();
    const foreign = record<Activity>(
      await client(coordinator),
      ACTIVITY,
      { exchangeId: other },
      'exchangeActivity',
    );
    const [opened] = await foreign.waitFor(1);
    foreign.stop();
    expect(await codes(coordinator, { exchangeId, after: opened?.cursor })).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('should complete every subscription when the exchange closes', async () => {
    const exchangeId = await newOpenExchange();
    await checkIn(exchangeId, seeker);
    const partnerStream = record<Activity>(
      await client(partnerAuth(seeker)),
      ACTIVITY,
      { exchangeId },
      'exchangeActivity',
    );
    const coordinatorStream = record<Activity>(
      await client(coordinator),
      ACTIVITY,
      { exchangeId },
      'exchangeActivity',
    );
    await Promise.all([partnerStream.waitFor(2), coordinatorStream.waitFor(2)]);
    await mutate(app, M.close, { id: exchangeId }, coordinator);
    await Promise.all([partnerStream.completed, coordinatorStream.completed]);
    expect(coordinatorStream.items.at(-1)?.type).toBe('EXCHANGE_CLOSED');
    expect(partnerStream.items.at(-1)?.type).toBe('EXCHANGE_CLOSED');
  });

  it('should send a partner new suggestions when someone it should meet checks in', async () => {
    const exchangeId = await newOpenExchange();
    await checkIn(exchangeId, seeker);
    await checkIn(exchangeId, present[0] as string);
    const lists = record<{ partner: { id: string } }[]>(
      await client(partnerAuth(seeker)),
      `subscription S($exchangeId: ID!) { mySuggestions(exchangeId: $exchangeId, first: 5) { partner { id } } }`,
      { exchangeId },
      'mySuggestions',
    );
    const [firstList] = await lists.waitFor(1);
    expect(firstList?.map((s) => s.partner.id)).toEqual([present[0]]);
    await checkIn(exchangeId, absent);
    const [, secondList] = await lists.waitFor(2);
    expect(secondList?.map((s) => s.partner.id).sort()).toEqual([present[0], absent].sort());
    lists.stop();
  });
});

describe('WebSocket limits', () => {
  let app: App;

  beforeAll(async () => {
    app = await startTestApp({
      WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2',
      WS_MAX_SOCKETS_PER_USER: '2',
    });
  });

  afterAll(async () => {
    await app.stop();
  });

  /** An OPEN exchange of this app, so that subscriptions to it stay open. */
  async function openExchange(): Promise<string> {
    const coordinator = await coordinatorAuth();
    const created = await mutate<{ createExchange: { id: string } }>(
      app,
      M.create,
      { input: { title: `Limits ${Date.now()}` } },
      coordinator,
    );
    await mutate(app, M.open, { id: created.createExchange.id }, coordinator);
    return created.createExchange.id;
  }

  it('should refuse a subscription beyond the limit of one socket with TOO_MANY_REQUESTS', async () => {
    const exchangeId = await openExchange();
    const c = wsClient(app, await bearer(coordinatorAuth()));
    const open = [0, 1].map(() =>
      record<Activity>(c, ACTIVITY, { exchangeId }, 'exchangeActivity'),
    );
    await Promise.all(open.map((s) => s.waitFor(1)));
    const third = record<Activity>(c, ACTIVITY, { exchangeId }, 'exchangeActivity');
    await third.completed;
    const codes = (third.errors as { extensions?: { code?: string } }[]).map(
      (e) => e.extensions?.code,
    );
    expect(codes).toEqual(['TOO_MANY_REQUESTS']);
    expect(open.flatMap((s) => s.errors)).toEqual([]);
    await c.dispose();
  });

  it('should close a socket beyond the limit per user with 4403', async () => {
    const exchangeId = await openExchange();
    const auth = await bearer(coordinatorAuth());
    const clients = [0, 1, 2].map(() => wsClient(app, auth));
    const [first, second] = [0, 1].map((i) =>
      record<Activity>(clients[i] as Client, ACTIVITY, { exchangeId }, 'exchangeActivity'),
    ) as [Recording<Activity>, Recording<Activity>];
    await Promise.all([first.waitFor(1), second.waitFor(1)]);
    const third = record<Activity>(
      clients[2] as Client,
      ACTIVITY,
      { exchangeId },
      'exchangeActivity',
    );
    await third.completed;
    expect((third.errors[0] as { code?: number }).code).toBe(4403);
    expect(first.errors.concat(second.errors)).toEqual([]);
    await Promise.all(clients.map((c) => c.dispose()));
  });
});
