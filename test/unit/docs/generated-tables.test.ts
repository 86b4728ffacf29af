import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE, servicesTable, withServicesTable } from '../../../scripts/docs.js';

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
    expect(table).toContain('saga task `CommitInventory`');
  });
});
