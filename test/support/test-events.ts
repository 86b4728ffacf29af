import * as z from 'zod/mini';
import { type DomainEvent, defineEvent } from '../../functions/shared/events/define-event.js';

/** An event of no service, for the tests of the event plumbing (publisher, outbox, relay, consumers). */
export const Pinged = defineEvent({
  source: 'shop.test',
  detailType: 'Pinged',
  version: 1,
  data: z.object({ n: z.number() }),
});

/** A domain event as an EventBridge rule hands it to its target: the envelope's names, the detail as JSON. */
export const asDelivered = (event: DomainEvent) => ({
  source: event.source,
  'detail-type': event.detailType,
  detail: JSON.parse(JSON.stringify(event.detail)) as unknown,
});
