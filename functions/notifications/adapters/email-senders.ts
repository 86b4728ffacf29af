import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { logger } from '../../shared/observability.js';
import type { EmailSender } from '../use-cases/ports.js';

/** Email through Amazon SES, from a verified identity. */
export const sesEmailSender = (client: SESv2Client, from: string): EmailSender => ({
  async send({ to, subject, body }) {
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: body } } } },
      }),
    );
  },
});

/** No email service configured (the local cloud, or a stack without a sender): the message is logged. */
export const loggedEmailSender = (): EmailSender => ({
  async send({ to, subject, body }) {
    logger.info('Email not sent (no sender configured)', { email: { to, subject, body } });
  },
});
