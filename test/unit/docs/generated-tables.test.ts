import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../../local/tour/steps.js';
import { ARCHITECTURE, README, servicesTable, withServicesTable, withTour } from '../../../scripts/docs.js';

describe('the tables the docs take from the code', () => {
  it("hold docs/architecture.md's services table to the manifests (npm run docs writes it)", () => {
    const document = readFileSync(ARCHITECTURE, 'utf8');
    expect(withServicesTable(document)).toBe(document);
  });

  it('list every service with its routes and what it publishes', () => {
    const table = servicesTable();
    expect(table).toContain('| orders |');
    expect(table).toContain('`POST /orders`');
    expect(table).toContain('`OrderPlaced`');
    expect(table).toContain('serves `CommitInventory`');
    expect(table).toContain('`inventory.CommitInventory`');
  });

  it("holds the README's tour to the steps npm run tour runs (npm run docs writes it)", () => {
    const document = readFileSync(README, 'utf8');
    expect(withTour(document)).toBe(document);
  });

  it('names the shop by $SHOP in every step of the tour, never by a port', () => {
    for (const step of TOUR) expect(step.shell).not.toMatch(/localhost|127\.0\.0\.1|:3000/);
  });
});
