import { describe, expect, it } from 'vitest';
import { listingWrites } from '../../../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { money } from '../../../../functions/shared/money.js';
import { aProduct } from '../../../support/catalog/fixtures.js';

describe('the listing writes of a product change', () => {
  it('moves every listing item whose key changed: name, price and category', () => {
    const before = aProduct('P1', { name: 'Old', price: money(1) });
    const after = { ...before, name: 'New', category: 'toys', price: money(2) };
    const writes = listingWrites('shop', before, after);
    // Only the newest-of-all key stays where it was.
    expect(writes.filter((write) => write.Delete)).toHaveLength(5);
    expect(writes.filter((write) => write.Put)).toHaveLength(6);
  });

  it('puts what changed and deletes nothing a product keeps', () => {
    const product = aProduct('P1', { name: 'Lamp' });
    const writes = listingWrites('shop', product, { ...product, inStock: true });
    expect(writes.filter((write) => write.Delete)).toEqual([]);
    expect(writes).toHaveLength(6);
  });

  it('deletes every listing item of a deleted product', () => {
    const product = aProduct('P1');
    expect(listingWrites('shop', product, undefined).filter((write) => write.Delete)).toHaveLength(6);
  });
});
