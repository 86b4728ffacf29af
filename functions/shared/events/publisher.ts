import { TransientError } from '../errors.js';
import { jitteredDelay, sleep as wait } from '../retry.js';
import type { DomainEvent } from './define-event.js';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from './eventbridge-sdk.js';

/** Port: publishes events; resolves with the events that could not be published. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<readonly DomainEvent[]>;
}

export class EventsNotPublishedError extends TransientError {
  readonly slug = 'events-not-published';
}

export interface PublisherOptions {
  /** Attempts per entry, the first included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const MAX_ENTRIES_PER_CALL = 10;
const MAX_BYTES_PER_CALL = 256 * 1024;

const entryFor = (busName: string, event: DomainEvent): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: event.source,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
  Time: new Date(event.detail.metadata.occurredAt),
});

/** EventBridge counts an entry as source + detail-type + detail (+ bus and time, generously). */
const sizeOf = (entry: PutEventsRequestEntry): number =>
  Buffer.byteLength(`${entry.Source}${entry.DetailType}${entry.Detail}${entry.EventBusName}`) + 64;

const chunk = (entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] => {
  const chunks: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = sizeOf(entry);
    if (
      current.length === MAX_ENTRIES_PER_CALL ||
      (current.length > 0 && bytes + size > MAX_BYTES_PER_CALL)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/**
 * PutEvents succeeds as a call even when some entries fail: it reports them in
 * FailedEntryCount and per-entry ErrorCode. Only those entries are retried,
 * with exponential backoff and full jitter.
 */
export const eventBridgePublisher = (
  client: EventBridgeClient,
  busName: string,
  { maxAttempts = 4, baseDelayMs = 50, sleep = wait, random = Math.random }: PublisherOptions = {},
): EventPublisher => ({
  async publish(events) {
    let pending = events.map((event) => ({ event, entry: entryFor(busName, event) }));
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(jitteredDelay(attempt, { baseMs: baseDelayMs }, random));
      const failed: typeof pending = [];
      for (const entries of chunk(pending.map(({ entry }) => entry))) {
        const batch = pending.filter(({ entry }) => entries.includes(entry));
        try {
          const result = await client.send(new PutEventsCommand({ Entries: entries }));
          if ((result.FailedEntryCount ?? 0) === 0) continue;
          result.Entries?.forEach((outcome, index) => {
            const item = batch[index];
            if (outcome.ErrorCode && item) failed.push(item);
          });
        } catch {
          failed.push(...batch);
        }
      }
      pending = failed;
    }
    return pending.map(({ event }) => event);
  },
});

/** Publishes or throws, for callers that cannot leave events behind. */
export const publishAll = async (
  publisher: EventPublisher,
  events: readonly DomainEvent[],
): Promise<void> => {
  const failed = await publisher.publish(events);
  if (failed.length > 0) {
    throw new EventsNotPublishedError(`${failed.length} of ${events.length} events could not be published.`);
  }
};
