import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { NotificationsTable } from '../../functions/notifications/adapters/notifications-table.js';
import { notificationsConfig } from '../../functions/notifications/config.js';
import { notificationsRoutes } from '../../functions/notifications/contracts/routes.js';
import { notificationEvents } from '../../functions/notifications/contracts/subscriptions.js';
import type { Environment } from '../../functions/shared/config.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

export interface NotificationsServiceProps {
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly api?: RouteTarget;
  readonly cursorSecret: ISecret;
  /** A verified SES identity to send from; without one, emails are logged and not sent. */
  readonly emailFrom?: string;
  readonly adminAlertEmail?: string;
}

/**
 * Notifications: a message per (event, kind) for the customer it concerns —
 * welcome, receipt, confirmation, failure, cancellation, refund, tracking —
 * and stock alerts for admins; stored, readable over HTTP, emailed via SES.
 */
export class NotificationsService extends Construct {
  /** The CountUnreadNotifications read contract the dashboard invokes. */
  readonly countUnread: ServiceFunction<typeof notificationsConfig>;

  constructor(scope: Construct, id: string, props: NotificationsServiceProps) {
    super(scope, id);
    const environment: Environment<typeof notificationsConfig> = {
      NOTIFICATIONS_TABLE_NAME: props.table.tableName,
      CURSOR_SECRET: props.cursorSecret.secretValue.unsafeUnwrap(),
      EMAIL_FROM: props.emailFrom ?? '',
      ADMIN_ALERT_EMAIL: props.adminAlertEmail ?? '',
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, { service: 'notifications', config: notificationsConfig, environment });
    const sendNotification = fn('SendNotification');
    const listNotifications = fn('ListNotifications');
    const markNotificationRead = fn('MarkNotificationRead');
    this.countUnread = fn('CountUnreadNotifications');
    for (const reader of [listNotifications, this.countUnread])
      grantTableAccess(props.table, NotificationsTable, reader, 'read');
    for (const writer of [sendNotification, markNotificationRead])
      grantTableAccess(props.table, NotificationsTable, writer, 'readWrite');
    if (props.emailFrom) {
      const domain = props.emailFrom.split('@')[1] ?? props.emailFrom;
      sendNotification.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [props.emailFrom, domain].map((identity) =>
            Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
          ),
        }),
      );
    }

    props.api?.addRoute(notificationsRoutes.listNotifications, listNotifications);
    props.api?.addRoute(notificationsRoutes.markNotificationRead, markNotificationRead);
    new EventSubscription(this, 'SendNotificationOn', {
      bus: props.bus,
      events: notificationEvents,
      consumer: sendNotification,
    });
  }
}
