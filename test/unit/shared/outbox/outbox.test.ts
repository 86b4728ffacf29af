import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  carryingEvents,
  eventsFromImage,
  OUTBOX_STREAM_FILTERS,
  outboxItem,
} from '../../../../functions/shared/outbox/outbox.js';
import { matches } from '../../../../local/eventbridge/pattern.js';
import { Pinged } from '../../../support/test-events.js';

/** A stream record as Lambda's filters see it. */
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', item: object) => ({
  eventName,
  dynamodb: { NewImage: marshall(item) },
});
const relayed = (candidate: object) => OUTBOX_STREAM_FILTERS.some((pattern) => matches(pattern, candidate));

describe('the outbox', () => {
  it('reads back the events an inserted item carries, and an outbox item’s one', () => {
    const events = [Pinged.create({ n: 1 }), Pinged.create({ n: 2 })];
    expect(eventsFromImage(marshall(carryingEvents({ pk: 'PAYMENT#o-1', sk: 'PAYMENT' }, events)))).toEqual(
      events,
    );
    expect(eventsFromImage(marshall(outboxItem(events[0] as (typeof events)[0])))).toEqual([events[0]]);
    expect(eventsFromImage(marshall({ pk: 'PAYMENT#o-1', sk: 'PAYMENT' }))).toEqual([]);
  });

  it('leaves an item that causes no events as it is', () => {
    const item = { pk: 'PAYMENT#o-1', sk: 'PAYMENT' };
    expect(carryingEvents(item, [])).toBe(item);
  });

  it('relays new outbox items and inserted items carrying events, not their later changes nor other items', () => {
    const event = Pinged.create({ n: 1 });
    const carrier = carryingEvents({ pk: 'PAYMENT#o-1', sk: 'PAYMENT' }, [event]);
    expect(relayed(record('INSERT', outboxItem(event)))).toBe(true);
    expect(relayed(record('INSERT', carrier))).toBe(true);
    expect(relayed(record('MODIFY', { ...carrier, status: 'REFUNDED' }))).toBe(false);
    expect(relayed(record('REMOVE', outboxItem(event)))).toBe(false);
    expect(relayed(record('INSERT', { pk: 'PAYMENT#o-2', sk: 'PAYMENT' }))).toBe(false);
  });
});
