import { describe, expect, it } from 'vitest';
import { newProduct, reviseProduct } from '../../../../functions/catalog/domain/product.js';
import { money } from '../../../../functions/shared/money.js';
import { NOW } from '../../../support/catalog/fixtures.js';

const details = { name: 'Lamp', description: 'Bright', category: 'home', price: money(2500) };
const later = new Date('2026-11-23T10:00:00.000Z');

describe('product', () => {
  it('starts at version 1 and out of stock until inventory holds some', () => {
    expect(newProduct('LAMP-1', details, NOW)).toMatchObject({
      version: 1,
      inStock: false,
      createdAt: NOW.toISOString(),
    });
  });

  it('is not revised when nothing changes, so a repeated update is a no-op', () => {
    const product = newProduct('LAMP-1', details, NOW);
    expect(reviseProduct(product, { ...details }, later)).toEqual({ product, changed: false });
  });

  it('moves to the next version and remembers the previous price when the price changes', () => {
    const product = newProduct('LAMP-1', details, NOW);
    const revision = reviseProduct(product, { ...details, price: money(2000) }, later);
    expect(revision).toMatchObject({ changed: true, previousPrice: money(2500) });
    expect(revision.product).toMatchObject({
      version: 2,
      price: money(2000),
      updatedAt: later.toISOString(),
    });
  });

  it('has no previous price when only the name changes', () => {
    const revision = reviseProduct(
      newProduct('LAMP-1', details, NOW),
      { ...details, name: 'Lantern' },
      later,
    );
    expect(revision.changed).toBe(true);
    expect(revision.previousPrice).toBeUndefined();
  });
});
