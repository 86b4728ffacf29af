import { describe, expect, it } from 'vitest';
import { ALL_EVENTS, EVENTS_BY_SERVICE, eventSourcesOf, SERVICES } from '../../functions/services.js';

describe('the events of each service', () => {
  it('carry that service’s own source, so its relay’s grant (events:source) covers exactly them', () => {
    for (const [service, events] of Object.entries(EVENTS_BY_SERVICE))
      for (const event of events ?? []) expect(event.source, event.detailType).toBe(`shop.${service}`);
  });

  it('are published by a service with an outbox, and every outbox has events to publish', () => {
    const withOutbox = SERVICES.filter((manifest) => 'outbox' in manifest && manifest.outbox).map(
      (manifest) => manifest.name,
    );
    expect(Object.keys(EVENTS_BY_SERVICE).sort()).toEqual([...withOutbox].sort());
    for (const service of withOutbox) expect(eventSourcesOf(service), service).toEqual([`shop.${service}`]);
  });

  it('have one detail-type each, shop-wide', () => {
    const types = ALL_EVENTS.map((event) => event.detailType);
    expect(new Set(types).size).toBe(types.length);
  });
});
