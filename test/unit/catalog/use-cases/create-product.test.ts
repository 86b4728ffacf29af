import { describe, expect, it } from 'vitest';
import { ProductCreated } from '../../../../functions/catalog/contracts/events.js';
import { SkuTakenError } from '../../../../functions/catalog/domain/errors.js';
import { createProduct } from '../../../../functions/catalog/use-cases/create-product.js';
import { money } from '../../../../functions/shared/money.js';
import { aCategory, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

const input = { sku: 'LAMP-1', name: 'Lamp', description: 'Bright', category: 'home', price: money(2500) };

describe('createProduct', () => {
  it('stores the product with its ProductCreated event', async () => {
    const { catalog, deps } = inMemoryCatalog();
    await deps.categories.create(aCategory('home'));
    const view = await createProduct(deps, input);
    expect(view).toEqual({ ...input, inStock: false });
    expect(catalog.outbox).toHaveLength(1);
    expect(ProductCreated.parse(catalog.outbox[0]?.detail).data).toEqual(input);
  });

  it('emits nothing when the sku is taken', async () => {
    const { catalog, deps } = inMemoryCatalog();
    await deps.categories.create(aCategory('home'));
    await createProduct(deps, input);
    await expect(createProduct(deps, { ...input, name: 'Other' })).rejects.toThrow(SkuTakenError);
    expect(catalog.outbox).toHaveLength(1);
  });
});
