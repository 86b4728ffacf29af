import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { withCorrelation } from '../../../../functions/shared/correlation.js';
import { defineEvent } from '../../../../functions/shared/events/define-event.js';

const ThingHappened = defineEvent({
  source: 'shop.things',
  detailType: 'ThingHappened',
  version: 2,
  data: z.object({ id: z.string() }),
});

describe('defineEvent', () => {
  it('gives the rule pattern that selects exactly this event and version', () => {
    expect(ThingHappened.pattern).toEqual({
      source: ['shop.things'],
      'detail-type': ['ThingHappened'],
      detail: { metadata: { version: [2] } },
    });
  });

  it('stamps a new event with a fresh id, its version, the time and the current correlation', () => {
    const at = new Date('2026-11-22T10:00:00.000Z');
    const event = withCorrelation({ correlationId: 'corr-1', causationId: 'evt-0' }, () =>
      ThingHappened.create({ id: 't-1' }, at),
    );
    expect(event).toEqual({
      source: 'shop.things',
      detailType: 'ThingHappened',
      detail: {
        metadata: {
          eventId: expect.any(String),
          version: 2,
          occurredAt: '2026-11-22T10:00:00.000Z',
          correlationId: 'corr-1',
          causationId: 'evt-0',
        },
        data: { id: 't-1' },
      },
    });
  });

  it('gives every event its own id', () => {
    expect(ThingHappened.create({ id: 'a' }).detail.metadata.eventId).not.toBe(
      ThingHappened.create({ id: 'a' }).detail.metadata.eventId,
    );
  });

  it('refuses to create an event whose data breaks its schema', () => {
    expect(() => ThingHappened.create({ id: 1 } as unknown as { id: string })).toThrow();
  });

  it('parses a received detail and refuses one of another version', () => {
    const { detail } = ThingHappened.create({ id: 'a' });
    expect(ThingHappened.parse(JSON.parse(JSON.stringify(detail)))).toEqual(detail);
    expect(() => ThingHappened.parse({ ...detail, metadata: { ...detail.metadata, version: 1 } })).toThrow();
  });

  it.each([
    ['a source outside shop.*', { source: 'aws.things', detailType: 'ThingHappened' }],
    ['a detail-type not in PascalCase', { source: 'shop.things', detailType: 'thing-happened' }],
  ])('refuses %s', (_, names) => {
    expect(() =>
      defineEvent({ ...names, version: 1, data: z.object({}) } as Parameters<typeof defineEvent>[0]),
    ).toThrow();
  });
});
