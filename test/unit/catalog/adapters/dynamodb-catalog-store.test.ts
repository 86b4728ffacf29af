import { describe, expect, it } from 'vitest';
import { indexWrites } from '../../../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { indexedWords, MAX_INDEXED_WORDS } from '../../../../functions/catalog/domain/search.js';
import { money } from '../../../../functions/shared/money.js';
import { aProduct } from '../../../support/catalog/fixtures.js';

/** DynamoDB's limit of items in one TransactWriteItems. */
const TRANSACTION_LIMIT = 100;

const wordy = (prefix: string) =>
  Array.from({ length: 2 * MAX_INDEXED_WORDS }, (_, i) => `${prefix}${i}`).join(' ');

describe('the index writes of a product change', () => {
  it('fit in one transaction with the product, two categories and three events, at worst', () => {
    const before = aProduct('P1', { name: 'Old', description: wordy('old'), price: money(1) });
    const after = { ...before, name: 'New', description: wordy('new'), category: 'toys', price: money(2) };
    const writes = indexWrites(
      'shop',
      { product: before, words: indexedWords(before, 'Books') },
      { product: after, words: indexedWords(after, 'Toys') },
    );
    // Every listing key but the newest of all moves (name, price, category change); every word changes.
    expect(writes.filter((write) => write.Delete)).toHaveLength(5 + MAX_INDEXED_WORDS);
    expect(1 + 2 + writes.length + 3).toBeLessThanOrEqual(TRANSACTION_LIMIT);
  });

  it('puts what changed and deletes nothing a product keeps', () => {
    const product = aProduct('P1', { name: 'Lamp' });
    const words = indexedWords(product, 'Books');
    const writes = indexWrites('shop', { product, words }, { product: { ...product, inStock: true }, words });
    expect(writes.filter((write) => write.Delete)).toEqual([]);
    expect(writes).toHaveLength(6 + Object.keys(words).length);
  });
});
