import type { EventBridgeClient, PutEventsCommand, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import {
  EventsNotPublishedError,
  eventBridgePublisher,
  publishAll,
} from '../../../../functions/shared/events/publisher.js';
import { Pinged } from '../../../support/test-events.js';

const events = (count: number) => Array.from({ length: count }, (_, n) => Pinged.create({ n }));

/** A PutEvents fake: `outcome(n, attempt)` says whether event n fails on that attempt. */
const fakeBus = (outcome: (n: number, attempt: number) => 'ok' | 'fail' | 'throw' = () => 'ok') => {
  const calls: number[][] = [];
  const attempts = new Map<number, number>();
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      const numbers = entries.map(
        (entry) => (JSON.parse(entry.Detail ?? '{}') as { data: { n: number } }).data.n,
      );
      calls.push(numbers);
      for (const n of numbers) attempts.set(n, (attempts.get(n) ?? 0) + 1);
      const outcomes = numbers.map((n) => outcome(n, attempts.get(n) ?? 1));
      if (outcomes.includes('throw')) throw new Error('network down');
      const results: PutEventsResultEntry[] = outcomes.map((result, index) =>
        result === 'ok'
          ? { EventId: `id-${numbers[index]}` }
          : { ErrorCode: 'InternalFailure', ErrorMessage: 'x' },
      );
      return { FailedEntryCount: results.filter((entry) => entry.ErrorCode).length, Entries: results };
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
};

const noSleep = async () => undefined;

describe('eventBridgePublisher', () => {
  it('sends at most 10 entries per PutEvents call', async () => {
    const { client, calls } = fakeBus();
    const failed = await eventBridgePublisher(client, 'bus', { sleep: noSleep }).publish(events(23));
    expect(failed).toEqual([]);
    expect(calls.map((call) => call.length)).toEqual([10, 10, 3]);
  });

  it('retries only the entries that failed', async () => {
    const { client, calls } = fakeBus((n, attempt) => (n % 2 === 1 && attempt === 1 ? 'fail' : 'ok'));
    const failed = await eventBridgePublisher(client, 'bus', { sleep: noSleep }).publish(events(5));
    expect(failed).toEqual([]);
    expect(calls).toEqual([
      [0, 1, 2, 3, 4],
      [1, 3],
    ]);
  });

  it('gives back the events still failing after the last attempt', async () => {
    const all = events(3);
    const { client, calls } = fakeBus((n) => (n === 2 ? 'fail' : 'ok'));
    const failed = await eventBridgePublisher(client, 'bus', { sleep: noSleep, maxAttempts: 3 }).publish(all);
    expect(failed).toEqual([all[2]]);
    expect(calls).toEqual([[0, 1, 2], [2], [2]]);
  });

  it('retries a whole call that threw', async () => {
    const { client, calls } = fakeBus((_, attempt) => (attempt === 1 ? 'throw' : 'ok'));
    expect(await eventBridgePublisher(client, 'bus', { sleep: noSleep }).publish(events(2))).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('backs off with full jitter between attempts', async () => {
    const delays: number[] = [];
    const { client } = fakeBus(() => 'fail');
    await eventBridgePublisher(client, 'bus', {
      maxAttempts: 4,
      baseDelayMs: 100,
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
    }).publish(events(1));
    expect(delays).toEqual([100, 200, 400]);
  });

  it('publishAll throws when events are left behind', async () => {
    const { client } = fakeBus(() => 'fail');
    await expect(
      publishAll(eventBridgePublisher(client, 'bus', { sleep: noSleep }), events(1)),
    ).rejects.toThrow(EventsNotPublishedError);
  });
});
