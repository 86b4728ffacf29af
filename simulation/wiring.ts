import { SERVICES } from '../functions/services.js';
import type { DomainEvent, EventDefinition } from '../functions/shared/events/define-event.js';
import { type DataFilter, functionsOf, pascalCase } from '../functions/shared/service-manifest.js';

type Manifest = (typeof SERVICES)[number];

/** The names of a manifest's functions that events start. */
type ConsumersOf<M> = M extends { functions: infer F }
  ? { [K in keyof F]: F[K] extends { trigger: { events: readonly EventDefinition[] } } ? K : never }[keyof F]
  : never;

export type ConsumerName = ConsumersOf<Manifest> & string;

/** Does the event's data have one of the listed values in every filtered field, as EventBridge matches it? */
const matchesFilter = (where: DataFilter | undefined) => (data: unknown) =>
  Object.entries(where ?? {}).every(([field, values]) =>
    values.includes((data as Record<string, string | number | boolean>)[field] as string | number | boolean),
  );

/**
 * The bus's subscriptions, from the services' manifests as the stacks build
 * them: which consumer (its service's construct id and its function's) hears
 * which events, and the rule's filter beyond the event's own pattern.
 */
export const SUBSCRIPTIONS: readonly {
  readonly service: string;
  readonly consumer: ConsumerName;
  readonly events: readonly EventDefinition[];
  readonly where: (data: unknown) => boolean;
}[] = SERVICES.flatMap((manifest: Manifest) =>
  functionsOf(manifest).flatMap(({ name, trigger }) =>
    'events' in trigger
      ? [
          {
            service: pascalCase(manifest.name),
            consumer: name as ConsumerName,
            events: trigger.events,
            where: matchesFilter(trigger.where),
          },
        ]
      : [],
  ),
);

export interface Subscription<H> {
  readonly name: ConsumerName;
  readonly handler: H;
  matches(event: DomainEvent): boolean;
}

/** The subscriptions with their consumers' handlers. */
export const subscriptions = <H>(handlers: Readonly<Record<ConsumerName, H>>): Subscription<H>[] =>
  SUBSCRIPTIONS.map((subscription) => ({
    name: subscription.consumer,
    handler: handlers[subscription.consumer],
    matches: (event) =>
      subscription.events.some(
        (definition: EventDefinition) =>
          definition.source === event.source && definition.detailType === event.detailType,
      ) && subscription.where(event.detail.data),
  }));
