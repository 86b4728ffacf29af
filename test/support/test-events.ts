import * as z from 'zod';
import { defineEvent } from '../../functions/shared/events/define-event.js';

/** An event of no service, for the tests of the event plumbing (publisher, outbox, relay, consumers). */
export const Pinged = defineEvent({
  source: 'shop.test',
  detailType: 'Pinged',
  version: 1,
  data: z.object({ n: z.number() }),
});
