import { randomUUID } from 'node:crypto';
import { FaultList } from '../fault-list.js';
import type { FunctionError } from './functions.js';

/**
 * A fault a test injects into the local Lambda service: invocations of one
 * function whose event matches fail with the given error, before the
 * function runs (`before`) or after it ran and did its work (`after`, a
 * handler that dies after its side effect). Production code has no test
 * branches; the local cloud's Lambda service misbehaves on request instead.
 */
export interface FaultSpec {
  /** The function's display name (`Orders/ConfirmOrder`) or its last segment (`ConfirmOrder`). */
  readonly function: string;
  /**
   * Fields the event must carry, by dotted path: `{ correlationId }` faults one
   * test's saga steps, `{ 'detail.metadata.correlationId': … }` its events.
   */
  readonly match?: Readonly<Record<string, string>>;
  readonly error?: FunctionError;
  readonly when?: 'before' | 'after';
  /** How many invocations fail; every matching one until removed when absent. */
  readonly times?: number;
}

export interface Fault extends FaultSpec {
  readonly id: string;
  readonly error: FunctionError;
  readonly when: 'before' | 'after';
  remaining?: number;
  hits: number;
}

const DEFAULT_ERROR: FunctionError = {
  errorType: 'InjectedFault',
  errorMessage: 'A fault injected by a test.',
};

export class FaultInjector {
  private readonly list = new FaultList<Fault>();

  add(spec: FaultSpec): Fault {
    return this.list.add({
      ...spec,
      id: randomUUID(),
      error: spec.error ?? DEFAULT_ERROR,
      when: spec.when ?? 'before',
      ...(spec.times === undefined ? {} : { remaining: spec.times }),
      hits: 0,
    });
  }

  /** Lifts a fault: it fails nothing more, and stays listed with its hits. */
  remove(id: string): boolean {
    return this.list.lift(id);
  }

  get all(): readonly Fault[] {
    return this.list.all;
  }

  /** The fault this invocation suffers, if any; counts it. */
  take(displayName: string, event: unknown, when: 'before' | 'after'): FunctionError | undefined {
    return this.list.take(
      (fault) =>
        fault.when === when && namesFunction(fault.function, displayName) && matches(fault.match, event),
    )?.error;
  }
}

const namesFunction = (name: string, displayName: string) =>
  name === displayName || displayName.endsWith(`/${name}`);

/** The value at a dotted path (`detail.metadata.correlationId`) of an event. */
const valueAt = (event: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      event,
    );

const matches = (match: FaultSpec['match'], event: unknown): boolean =>
  !match || Object.entries(match).every(([path, value]) => valueAt(event, path) === value);
