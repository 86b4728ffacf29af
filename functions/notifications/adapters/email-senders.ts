import type { SendEmailCommand, SendEmailCommandOutput } from '@aws-sdk/client-sesv2';
import { boundedByDeadline, SDK_REQUEST_LIMITS } from '../../shared/deadline.js';
import { clientOnFirstSend, sdkPackage } from '../../shared/lazy-sdk.js';
import { logger } from '../../shared/observability.js';
import type { EmailSender } from '../use-cases/ports.js';

/** What sending an email needs of SES: an `SESv2Client`, or a stand-in in tests. */
export interface EmailService {
  send(command: SendEmailCommand): Promise<SendEmailCommandOutput>;
}

const sesSdk = () => sdkPackage<typeof import('@aws-sdk/client-sesv2')>('@aws-sdk/client-sesv2');

/** The SES client, loaded with the first email (not by the listing routes). */
export const sesClient = (): EmailService =>
  clientOnFirstSend<SendEmailCommand, SendEmailCommandOutput>(() =>
    boundedByDeadline(new (sesSdk().SESv2Client)({ requestHandler: SDK_REQUEST_LIMITS })),
  );

/** Email through Amazon SES, from a verified identity. */
export const sesEmailSender = (client: EmailService, from: string): EmailSender => ({
  async send({ to, subject, body }) {
    const { SendEmailCommand } = sesSdk();
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: body } } } },
      }),
    );
  },
});

/**
 * No email service configured (the local cloud, or a stack without a
 * sender): that an email was due is logged, by its subject. The address and
 * the body stay out of the log (personal data); the message itself is the
 * stored notification the customer lists.
 */
export const loggedEmailSender = (): EmailSender => ({
  async send({ subject }) {
    logger.info('Email not sent (no sender configured)', { email: { subject } });
  },
});
