import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { type LambdaHandler, withHouseMiddleware } from '../middleware.js';
import { logger } from '../observability.js';

/** The preset for a function an EventBridge schedule runs; what it did is logged. */
export const scheduledJob = (
  run: () => Promise<Record<string, unknown>>,
): LambdaHandler<ScheduledEvent, void> =>
  withHouseMiddleware<ScheduledEvent, void>(
    async () => {
      logger.info('Scheduled job done', await run());
    },
    (event) => ({ correlationId: event.id ?? randomUUID() }),
  );
