import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import {
  type EmailService,
  sesEmailSender,
} from '../../../../functions/notifications/adapters/email-senders.js';

describe('sesEmailSender', () => {
  it('sends the message as plain text from the verified identity', async () => {
    const sent: SendEmailCommand[] = [];
    const ses: EmailService = {
      send: async (command) => {
        sent.push(command);
        return { $metadata: {}, MessageId: 'm-1' };
      },
    };
    await sesEmailSender(ses, 'shop@example.com').send({
      to: 'ann@example.com',
      subject: 'Your order is confirmed',
      body: 'Thank you.',
    });
    expect(sent.map((command) => command.input)).toEqual([
      {
        FromEmailAddress: 'shop@example.com',
        Destination: { ToAddresses: ['ann@example.com'] },
        Content: {
          Simple: { Subject: { Data: 'Your order is confirmed' }, Body: { Text: { Data: 'Thank you.' } } },
        },
      },
    ]);
  });
});
