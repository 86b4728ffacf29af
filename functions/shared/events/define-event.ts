import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { currentCorrelation } from '../correlation.js';

export interface EventMetadata {
  readonly eventId: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
}

export interface EventDetail<D> {
  readonly metadata: EventMetadata;
  readonly data: D;
}

/** An event ready to publish: what PutEvents needs, with a typed detail. */
export interface DomainEvent<D = unknown> {
  readonly source: string;
  readonly detailType: string;
  readonly detail: EventDetail<D>;
}

/** The EventBridge pattern that selects exactly one event definition. */
export interface EventPattern {
  readonly source: readonly string[];
  readonly 'detail-type': readonly string[];
  readonly detail: { readonly metadata: { readonly version: readonly number[] } };
}

export interface EventDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  readonly source: string;
  readonly detailType: string;
  readonly version: number;
  readonly data: S;
  readonly detail: z.ZodMiniType<EventDetail<z.output<S>>>;
  readonly pattern: EventPattern;
  /** A new event of this type, stamped with a fresh id and the current correlation. */
  create(data: z.input<S>, at?: Date): DomainEvent<z.output<S>>;
  /** Validates a received detail; throws a ZodError if it is not this event. */
  parse(detail: unknown): EventDetail<z.output<S>>;
}

const SOURCE = /^shop\.[a-z]+$/;
const DETAIL_TYPE = /^[A-Z][A-Za-z]+$/;

/**
 * One event, defined once: its source, detail-type, version and data schema.
 * Producer, consumers, the CDK rule pattern and the tests all use this value.
 */
export const defineEvent = <S extends z.ZodMiniType>(definition: {
  source: `shop.${string}`;
  detailType: string;
  version: number;
  data: S;
}): EventDefinition<S> => {
  const { source, detailType, version, data } = definition;
  if (!SOURCE.test(source)) throw new Error(`Event source must look like shop.<service>: ${source}`);
  if (!DETAIL_TYPE.test(detailType)) throw new Error(`Event detail-type must be PascalCase: ${detailType}`);
  const metadata = z.object({
    eventId: z.string().check(z.minLength(1)),
    version: z.literal(version),
    occurredAt: z.iso.datetime(),
    correlationId: z.string().check(z.minLength(1)),
    causationId: z.optional(z.string().check(z.minLength(1))),
  });
  const detail = z.object({ metadata, data }) as unknown as z.ZodMiniType<EventDetail<z.output<S>>>;
  return {
    source,
    detailType,
    version,
    data,
    detail,
    pattern: { source: [source], 'detail-type': [detailType], detail: { metadata: { version: [version] } } },
    create(input, at = new Date()) {
      const { correlationId, causationId } = currentCorrelation();
      return {
        source,
        detailType,
        detail: {
          metadata: {
            eventId: randomUUID(),
            version,
            occurredAt: at.toISOString(),
            correlationId,
            ...(causationId ? { causationId } : {}),
          },
          data: data.parse(input),
        },
      };
    },
    parse: (received) => detail.parse(received),
  };
};
