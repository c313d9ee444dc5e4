import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, type Page } from '../common/pagination';
import type { RequestContext } from '../context';
import type { NotificationService } from './notification.service';
import {
  Notification,
  NotificationConnection,
  NotificationSettings,
  NotificationSettingsInput,
} from './notification.types';

const PARTNER_ID = {
  nullable: true,
  description: 'Coordinators name the partner; a partner may leave it out (its own).',
} as const;

/** A partner's notifications and e-mail settings; thin: arguments → service. */
@Resolver()
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Authorized(Role.PARTNER)
  @Query(() => NotificationConnection, {
    description:
      'The calling partner’s notifications (Benachrichtigungen), newest first. Personal: only the partner itself, coordinators see none.',
  })
  notifications(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Notification>> {
    return this.service.notifications(ctx.user, args, unreadOnly);
  }

  @Authorized()
  @Query(() => NotificationSettings, {
    description: 'What a partner gets by e-mail (the partner itself, or coordinators).',
  })
  notificationSettings(
    @Arg('partnerId', () => ID, PARTNER_ID) partnerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationSettings> {
    return this.service.settings(ctx.user, partnerId);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => [Notification], {
    description:
      'Marks the calling partner’s notifications read (1–100 ids); already read ones keep their first readAt.',
  })
  markNotificationsRead(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<Notification[]> {
    return this.service.markRead(ctx.user, ids);
  }

  @Authorized()
  @Mutation(() => NotificationSettings, {
    description:
      'Sets the language of notification e-mails and which kinds go out by e-mail (the partner itself, or coordinators for any partner).',
  })
  updateNotificationSettings(
    @Arg('input', () => NotificationSettingsInput) input: NotificationSettingsInput,
    @Arg('partnerId', () => ID, PARTNER_ID) partnerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationSettings> {
    return this.service.updateSettings(ctx.user, input, partnerId);
  }
}
