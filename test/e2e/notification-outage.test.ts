import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from '../../src/app';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';
import { fromNeo4j } from '../../src/db/values';
import {
  enqueueNotifications,
  type NotificationDraft,
  NotificationKind,
} from '../../src/notifications/outbox';
import { createTestPartners } from '../support/fixtures';
import { type MailCatcher, startMailServer } from '../support/mail-server';
import { startTestApp } from '../support/test-app';

/*
 * The goal of the outbox: the SMTP server is down for 60 s while 200 notifications are written;
 * after it returns, every one arrives exactly once — 0 lost, 0 duplicated — though two API
 * replicas deliver the same outbox. Its own Neo4j (the slow project has no shared graph).
 */

const NOTIFICATIONS = 200;
const OUTAGE_MS = 60_000;
const PARTNERS = 10;
const KINDS = Object.values(NotificationKind);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notification e-mails through an SMTP outage', () => {
  let dataDir: string;
  let neo4j: EmbeddedNeo4j;
  let mail: MailCatcher;
  let replicas: App[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-outage-'));
    neo4j = await EmbeddedNeo4j.start({
      dataDir,
      boltPort: 0,
      heap: '256m',
      pageCacheMiB: 16,
      startTimeoutMs: 120_000,
    });
    mail = await startMailServer();
    const env = {
      NEO4J_URI: neo4j.uri,
      SMTP_URL: mail.smtpUrl,
      NOTIFY_POLL_MS: '250',
      // Keeps the test short: after a 60 s outage the next attempt is at most 20 s away (with the
      // default 5 min cap it would be up to ~64 s: 2 s, 4 s, … doubling).
      NOTIFY_RETRY_MAX_MS: '20000',
    };
    replicas = [await startTestApp(env), await startTestApp(env)];
    const [first] = replicas;
    if (!first) throw new Error('no replica');
    await createTestPartners(
      first,
      Array.from({ length: PARTNERS }, (_, i) => [`p${i}`, 'ACTIVE', []]),
      { prefix: 't-outage-', title: 'T-Outage ' },
    );
    await first.database.executor.write(
      {
        cypher: `MATCH (p:Partner) WHERE p.id STARTS WITH 't-outage-'
SET p.contactEmail = p.id + '@outage.test'`,
      },
      () => null,
    );
  }, 240_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await mail?.stop();
    await neo4j?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should deliver 200 notifications exactly once after a 60 s SMTP outage', async () => {
    const [first] = replicas;
    if (!first) throw new Error('no replica');
    const executor = first.database.executor;
    const port = mail.smtpPort;
    await mail.stopSmtp();

    // 200 notifications in 20 transactions of 10, as changes would write them.
    for (let batch = 0; batch < NOTIFICATIONS / 10; batch += 1) {
      const drafts: NotificationDraft[] = Array.from({ length: 10 }, (_, i) => {
        const n = batch * 10 + i;
        return {
          partnerId: `t-outage-p${n % PARTNERS}`,
          kind: KINDS[n % KINDS.length] as NotificationKind,
          subjectId: `t-outage-subject-${n}`,
          otherPartnerId: `t-outage-p${(n + 1) % PARTNERS}`,
          text: `Nachricht ${n}`,
        };
      });
      await executor.writeTransaction((tx) => enqueueNotifications(tx, drafts));
    }

    const state = async () => {
      const [row] = await executor.read(
        {
          cypher: `MATCH (n:Notification)
RETURN count(n) AS total, sum(CASE n.emailStatus WHEN 'SENT' THEN 1 ELSE 0 END) AS sent,
  sum(n.attempts) AS attempts, max(n.attempts) AS maxAttempts, collect(n.id) AS ids`,
        },
        (r) =>
          fromNeo4j<{
            total: number;
            sent: number;
            attempts: number;
            maxAttempts: number;
            ids: string[];
          }>(r.toObject()),
      );
      if (!row) throw new Error('no state');
      return row;
    };

    await sleep(OUTAGE_MS);
    const during = await state();
    expect(during.total).toBe(NOTIFICATIONS);
    expect(during.sent).toBe(0);
    expect(mail.messages()).toHaveLength(0);
    // Tried and backed off, never given up.
    expect(during.attempts).toBeGreaterThanOrEqual(NOTIFICATIONS);

    await mail.startSmtp();
    expect(mail.smtpPort).toBe(port);
    const restarted = Date.now();
    let drained = await state();
    while (drained.sent < NOTIFICATIONS && Date.now() - restarted < 150_000) {
      await sleep(250);
      drained = await state();
    }
    const drainMs = Date.now() - restarted;
    // Late duplicates would arrive now.
    await sleep(3_000);

    const received = mail.messages();
    const messageIds = received.map((m) => m.messageId);
    const distinct = new Set(messageIds);
    const expected = new Set(during.ids.map((id) => `<${id}@vielfalt.local>`));
    const lost = [...expected].filter((id) => !distinct.has(id));
    const report = {
      notifications: NOTIFICATIONS,
      outageMs: OUTAGE_MS,
      attemptsDuringOutage: during.attempts,
      maxAttemptsPerMailDuringOutage: during.maxAttempts,
      received: received.length,
      distinctMessageIds: distinct.size,
      duplicates: received.length - distinct.size,
      lost: lost.length,
      sent: drained.sent,
      drainMsAfterRestart: drainMs,
    };
    process.stdout.write(`SMTP outage result: ${JSON.stringify(report)}\n`);
    expect(report).toMatchObject({
      received: NOTIFICATIONS,
      distinctMessageIds: NOTIFICATIONS,
      duplicates: 0,
      lost: 0,
      sent: NOTIFICATIONS,
    });
    expect([...distinct].every((id) => id !== null && expected.has(id))).toBe(true);
  }, 300_000);
});
