import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress. Set once at each edge (HTTP
 * request, event, saga task) and read wherever an outgoing event or log line
 * needs it, so it travels without being threaded through every signature.
 */
export interface Correlation {
  readonly correlationId: string;
  /** The id of the event that caused the current work, when an event did. */
  readonly causationId?: string;
}

const storage = new AsyncLocalStorage<Correlation>();

const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A caller-supplied id if it is sane, otherwise a fresh one. */
export const correlationIdFrom = (candidate: string | undefined): string =>
  candidate !== undefined && SANE_ID.test(candidate) ? candidate : randomUUID();

export const withCorrelation = <T>(correlation: Correlation, work: () => T): T =>
  storage.run(correlation, work);

export const currentCorrelation = (): Correlation => storage.getStore() ?? { correlationId: randomUUID() };
