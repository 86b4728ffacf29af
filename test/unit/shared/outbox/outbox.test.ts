import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  CARRIED_EVENTS_ATTRIBUTE,
  carriedEvents,
  carryingEvents,
  eventsFromRecord,
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
    expect(eventsFromRecord(marshall(carryingEvents({ pk: 'PAYMENT#o-1', sk: 'PAYMENT' }, events)))).toEqual(
      events,
    );
    expect(eventsFromRecord(marshall(outboxItem(events[0] as (typeof events)[0])))).toEqual([events[0]]);
    expect(eventsFromRecord(marshall({ pk: 'PAYMENT#o-1', sk: 'PAYMENT' }))).toEqual([]);
  });

  it('reads from a changed item the events its change carries, not those it carried before', () => {
    const placed = Pinged.create({ n: 1 });
    const confirmed = Pinged.create({ n: 2 });
    const before = carryingEvents({ pk: 'ORDER#o-1', sk: 'ORDER', status: 'PENDING' }, [placed]);
    const after = carryingEvents({ ...before, status: 'CONFIRMED' }, [confirmed]);
    expect(eventsFromRecord(marshall(after), marshall(before))).toEqual([confirmed]);
    expect(eventsFromRecord(marshall({ ...before, status: 'SHIPPED' }), marshall(before))).toEqual([]);
    expect(eventsFromRecord(marshall(after), marshall({ pk: 'ORDER#o-1', sk: 'ORDER' }))).toEqual([
      confirmed,
    ]);
  });

  it('writes for an update the same attribute value a put carries', () => {
    const events = [Pinged.create({ n: 1 })];
    expect(carryingEvents({ pk: 'A', sk: 'A' }, events)).toEqual({
      pk: 'A',
      sk: 'A',
      [CARRIED_EVENTS_ATTRIBUTE]: carriedEvents(events),
    });
  });

  it('leaves an item that causes no events as it is', () => {
    const item = { pk: 'PAYMENT#o-1', sk: 'PAYMENT' };
    expect(carryingEvents(item, [])).toBe(item);
  });

  it('relays new outbox items and written items carrying events, not items that carry none', () => {
    const event = Pinged.create({ n: 1 });
    const carrier = carryingEvents({ pk: 'PAYMENT#o-1', sk: 'PAYMENT' }, [event]);
    expect(relayed(record('INSERT', outboxItem(event)))).toBe(true);
    expect(relayed(record('INSERT', carrier))).toBe(true);
    expect(relayed(record('MODIFY', { ...carrier, status: 'REFUNDED' }))).toBe(true);
    expect(relayed(record('MODIFY', { pk: 'PAYMENT#o-1', sk: 'PAYMENT', status: 'REFUNDED' }))).toBe(false);
    expect(relayed(record('MODIFY', outboxItem(event)))).toBe(false);
    expect(relayed(record('REMOVE', outboxItem(event)))).toBe(false);
    expect(relayed(record('REMOVE', carrier))).toBe(false);
    expect(relayed(record('INSERT', { pk: 'PAYMENT#o-2', sk: 'PAYMENT' }))).toBe(false);
  });
});
