import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { CypherExecutor } from '../db/executor';
import type { PartnerDepartures } from '../partners/partner-departures';
import type { Slice } from '../slice';
import type { DeliverySettings } from './delivery-settings';
import { type DeliveryMetrics, NotificationDispatcher } from './dispatcher';
import { smtpMailer } from './mailer';
import { NotificationFeed } from './notification-feed';
import { NotificationRepository } from './notification.repository';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { notificationSubscriptionResolver } from './notification.subscriptions';
import { OutboxRepository } from './outbox.repository';

/** What the notifications slice is built from. */
export interface NotificationSliceDeps {
  executor: CypherExecutor;
  settings: DeliverySettings;
  logger: Logger;
  /** Where erasures are announced: an erased partner's notifications go with it. */
  departures: PartnerDepartures;
  /** The app's Prometheus registry; unset: no delivery metrics. */
  registry?: Registry;
}

/** `notification_emails_total{outcome}` and `notification_email_alerts_total` on the registry. */
function deliveryMetrics(registry: Registry): DeliveryMetrics {
  const emails = new Counter({
    name: 'notification_emails_total',
    help: 'Notification e-mails by outcome: sent, failed (an attempt; retried later) or skipped',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const alerts = new Counter({
    name: 'notification_email_alerts_total',
    help: 'Times an e-mail reached another 10 failed attempts (it is still retried)',
    registers: [registry],
  });
  return { count: (outcome) => emails.inc({ outcome }), alert: () => alerts.inc() };
}

/**
 * Notifications: the in-app list, the e-mail settings, the `myNotifications` stream, and the
 * dispatcher that delivers the outbox (e-mails over SMTP, new notifications to subscribers).
 * Other slices only write drafts (outbox.ts) in their own transactions.
 */
export function notificationsSlice(deps: NotificationSliceDeps): Slice {
  const outbox = new OutboxRepository(deps.executor);
  const feed = new NotificationFeed((windowMs) => outbox.recent(windowMs));
  const service = new NotificationService(
    deps.executor,
    new NotificationRepository(deps.executor),
    feed,
  );
  deps.departures.onDeparture((departure) => service.followUpDeparture(departure));
  const logger = deps.logger.child({ slice: 'notifications' });
  const dispatcher = new NotificationDispatcher({
    outbox,
    mailer: deps.settings.smtpUrl
      ? smtpMailer(deps.settings.smtpUrl, deps.settings.mailFrom)
      : null,
    feed,
    settings: deps.settings,
    logger,
    metrics: deps.registry ? deliveryMetrics(deps.registry) : undefined,
  });
  dispatcher.start();
  return {
    name: 'notifications',
    resolvers: [new NotificationResolver(service), notificationSubscriptionResolver(service)],
    close: () => dispatcher.stop(),
  };
}
