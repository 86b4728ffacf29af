import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it, vi } from 'vitest';
import {
  type EmailService,
  loggedEmailSender,
  sesEmailSender,
} from '../../../../functions/notifications/adapters/email-senders.js';
import { logger } from '../../../../functions/shared/observability.js';

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

describe('loggedEmailSender', () => {
  it('logs the unsent email by its subject, without the address or the body', async () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      await loggedEmailSender().send({
        to: 'ann@example.com',
        subject: 'Your order is confirmed',
        body: 'Order o-1 of 45.99 USD.',
      });
      expect(info).toHaveBeenCalledWith('Email not sent (no sender configured)', {
        email: { subject: 'Your order is confirmed' },
      });
      expect(JSON.stringify(info.mock.calls)).not.toMatch(/ann@example\.com|45\.99/);
    } finally {
      info.mockRestore();
    }
  });
});
