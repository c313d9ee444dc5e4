import { Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../context';
import type { NotificationService } from './notification.service';
import { Notification } from './notification.types';

/**
 * `myNotifications` over graphql-ws; thin: the caller → the service's stream. A factory for the
 * same reason as exchange.subscriptions.ts: type-graphql calls `subscribe` without the instance.
 */
export function notificationSubscriptionResolver(notifications: NotificationService): object {
  @Resolver()
  class NotificationSubscriptionResolver {
    @Subscription(() => Notification, {
      description:
        'The calling partner’s new notifications, live, each after its transaction committed (within NOTIFY_POLL_MS, on every replica). Partners only; coordinators get FORBIDDEN.',
      subscribe: ({ context }) => notifications.stream((context as RequestContext).user),
    })
    myNotifications(@Root() notification: Notification): Notification {
      return notification;
    }
  }
  return new NotificationSubscriptionResolver();
}
