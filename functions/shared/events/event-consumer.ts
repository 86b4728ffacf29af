import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import { withCorrelation } from '../correlation.js';
import { type LambdaHandler, withHouseMiddleware } from '../middleware.js';
import { logger } from '../observability.js';
import type { EventDefinition, EventDetail } from './define-event.js';
import type { Inbox } from './inbox.js';

export interface ReceivedEvent<D> {
  readonly detailType: string;
  readonly detail: EventDetail<D>;
}

type Consumed<Defs extends readonly EventDefinition[]> = {
  [K in keyof Defs]: Defs[K] extends EventDefinition<infer S> ? ReceivedEvent<z.output<S>> : never;
}[number];

type Envelope = Pick<EventBridgeEvent<string, unknown>, 'detail-type' | 'source' | 'detail'>;

export class UnexpectedEventError extends Error {
  constructor(detailType: string) {
    super(`This consumer does not handle ${detailType} events.`);
    this.name = 'UnexpectedEventError';
  }
}

const receive = <Defs extends readonly EventDefinition[]>(definitions: Defs, envelope: Envelope) => {
  const definition = definitions.find(
    (candidate) => candidate.source === envelope.source && candidate.detailType === envelope['detail-type'],
  );
  if (!definition) throw new UnexpectedEventError(envelope['detail-type']);
  return { detailType: definition.detailType, detail: definition.parse(envelope.detail) } as Consumed<Defs>;
};

const correlationOfEnvelope = (envelope: Envelope) => {
  const detail = envelope.detail as Partial<EventDetail<unknown>> | undefined;
  return {
    correlationId: detail?.metadata?.correlationId ?? randomUUID(),
    ...(detail?.metadata?.eventId ? { causationId: detail.metadata.eventId } : {}),
  };
};

/**
 * Said of a consumer whose use case makes a duplicate event a no-op by itself:
 * its writes are keyed by the event's id or by the order and step, under
 * conditions (a timeline entry keyed by the event, a message whose id comes
 * from the event, a reservation committed from HELD only, a shipment created
 * if none exists, a saga started only for a pending order and named after
 * it). An inbox would cost it a read and a write per event and protect
 * nothing more.
 */
export const IDEMPOTENT_USE_CASE = 'idempotent use case';

export interface ConsumerOptions {
  /** The consumer's name, as its function's CDK id: the inbox keeps event ids per consumer. */
  readonly name: string;
  /**
   * How duplicates are kept out: the inbox of the consumer's table, for use
   * cases that would apply an event twice (a cart emptied again); or the use
   * case itself.
   */
  readonly inbox: (() => Inbox) | typeof IDEMPOTENT_USE_CASE;
}

/**
 * The preset for a consumer of domain events, invoked either by an EventBridge
 * rule (one event; a throw makes EventBridge retry, then dead-letter it) or by
 * an SQS queue (a batch; failed messages are reported, the rest are done).
 * Each event is checked against its one definition before the use case sees it.
 *
 * Idempotent on `metadata.eventId`: an event the inbox has seen is skipped;
 * one handled is recorded after the use case succeeds. A crash between the
 * two runs the use case again on redelivery, which is why every use case
 * also guards its state changes with conditions. A consumer whose use case
 * is idempotent by itself goes without the inbox (`IDEMPOTENT_USE_CASE`).
 */
export const eventConsumer = <const Defs extends readonly EventDefinition[]>(
  definitions: Defs,
  consume: (event: Consumed<Defs>) => Promise<void>,
  options: ConsumerOptions,
): LambdaHandler<Envelope | SQSEvent, SQSBatchResponse | undefined> => {
  const once = async (event: Consumed<Defs>) => {
    if (options.inbox === IDEMPOTENT_USE_CASE) return consume(event);
    const inbox = options.inbox();
    const { eventId } = event.detail.metadata;
    if (await inbox.handled(options.name, eventId)) {
      logger.info('Duplicate event skipped', { eventId, detailType: event.detailType });
      return;
    }
    await consume(event);
    await inbox.record(options.name, eventId);
  };
  return withHouseMiddleware<Envelope | SQSEvent, SQSBatchResponse | undefined>(
    async (input) => {
      if (!('Records' in input)) {
        await once(receive(definitions, input));
        return undefined;
      }
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of input.Records) {
        try {
          const envelope = JSON.parse(record.body) as Envelope;
          await withCorrelation(correlationOfEnvelope(envelope), () => once(receive(definitions, envelope)));
        } catch (error) {
          logger.error('Event not consumed', { messageId: record.messageId, error: errorName(error) });
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    },
    (input) => ('Records' in input ? { correlationId: randomUUID() } : correlationOfEnvelope(input)),
  );
};

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'Unknown');
