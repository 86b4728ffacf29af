import { describe, expect, it } from 'vitest';
import type { ProductQuery } from '../../../../functions/catalog/contracts/schemas.js';
import { renameCategory } from '../../../../functions/catalog/use-cases/categories.js';
import { listProducts } from '../../../../functions/catalog/use-cases/list-products.js';
import { InvalidCursorError } from '../../../../functions/shared/errors.js';
import { money } from '../../../../functions/shared/money.js';
import { aCategory, aProduct, inMemoryCatalog, NOW } from '../../../support/catalog/fixtures.js';

const minutesAfter = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const setUp = async () => {
  const { deps } = inMemoryCatalog();
  await deps.categories.create(aCategory('books', 'Books'));
  await deps.categories.create(aCategory('kitchen', 'Kitchen & Home'));
  const products = [
    aProduct('DDIA', {
      name: 'Designing Data-Intensive Applications',
      description: 'Reliable, scalable and maintainable systems.',
      price: money(4599),
      inStock: true,
      createdAt: minutesAfter(1),
    }),
    aProduct('DATA-SCI', {
      name: 'Data Science from Scratch',
      description: 'First principles with Python.',
      price: money(3999),
      createdAt: minutesAfter(2),
    }),
    aProduct('SICP', {
      name: 'Structure and Interpretation of Computer Programs',
      description: 'The wizard book, about data and procedures.',
      price: money(5500),
      inStock: true,
      createdAt: minutesAfter(3),
    }),
    aProduct('CREME', {
      name: 'Crème Brûlée Torch',
      description: 'Caramelizes sugar.',
      category: 'kitchen',
      price: money(2500),
      inStock: true,
      createdAt: minutesAfter(4),
    }),
  ];
  for (const product of products) await deps.products.create(product, []);
  return deps;
};

type Deps = Awaited<ReturnType<typeof setUp>>;

const skus = async (deps: Deps, query: Partial<ProductQuery>) =>
  (await listProducts(deps, { limit: 20, ...query })).items.map((product) => product.sku);

describe('listProducts: search', () => {
  it('finds a product by a word of its description, by a prefix of the last word, and ignores case and accents', async () => {
    const deps = await setUp();
    expect(await skus(deps, { q: 'maintainable' })).toEqual(['DDIA']);
    expect(await skus(deps, { q: 'Scal' })).toEqual(['DDIA']);
    expect(await skus(deps, { q: 'CREME brulee' })).toEqual(['CREME']);
    expect(await skus(deps, { q: 'crème brûl' })).toEqual(['CREME']);
  });

  it('needs every word: the last as a prefix, the others whole', async () => {
    const deps = await setUp();
    expect(await skus(deps, { q: 'data scratch' })).toEqual(['DATA-SCI']);
    expect(await skus(deps, { q: 'dat scratch' })).toEqual([]);
    expect(await skus(deps, { q: 'python' })).toEqual(['DATA-SCI']);
    expect(await skus(deps, { q: 'the' })).toEqual([]);
  });

  it('ranks a match in the name above one in the description, then the newest first', async () => {
    const deps = await setUp();
    // "data" is in two names (DATA-SCI is newer) and in SICP's description.
    expect(await skus(deps, { q: 'data' })).toEqual(['DATA-SCI', 'DDIA', 'SICP']);
  });

  it('finds products by their category name, and by the new one only once the category is renamed', async () => {
    const deps = await setUp();
    expect(await skus(deps, { q: 'kitchen' })).toEqual(['CREME']);
    await renameCategory(deps, 'kitchen', 'Pâtisserie');
    expect(await skus(deps, { q: 'kitchen' })).toEqual([]);
    expect(await skus(deps, { q: 'patisserie' })).toEqual(['CREME']);
  });

  it('finds a renamed product by its new name only, and a deleted one no more', async () => {
    const deps = await setUp();
    const sicp = await deps.products.get('SICP');
    if (!sicp) throw new Error('seeded');
    await deps.products.replace({ ...sicp, name: 'The Wizard Book', version: 2 }, 1, []);
    expect(await skus(deps, { q: 'structure' })).toEqual([]);
    expect(await skus(deps, { q: 'wizard' })).toEqual(['SICP']);
    await deps.products.delete('SICP', 2, []);
    expect(await skus(deps, { q: 'wizard' })).toEqual([]);
  });

  it('combines filters and sorts with a query', async () => {
    const deps = await setUp();
    expect(await skus(deps, { q: 'data', sort: 'price' })).toEqual(['DATA-SCI', 'DDIA', 'SICP']);
    expect(await skus(deps, { q: 'data', sort: '-price' })).toEqual(['SICP', 'DDIA', 'DATA-SCI']);
    expect(await skus(deps, { q: 'data', sort: 'name' })).toEqual(['DATA-SCI', 'DDIA', 'SICP']);
    expect(await skus(deps, { q: 'data', inStock: true, maxPrice: 5000 })).toEqual(['DDIA']);
    expect(await skus(deps, { q: 'data', minPrice: 4000, sort: 'newest' })).toEqual(['SICP', 'DDIA']);
    expect(await skus(deps, { q: 'data', category: 'kitchen' })).toEqual([]);
  });

  it('pages through the results with cursors bound to the query', async () => {
    const deps = await setUp();
    const first = await listProducts(deps, { q: 'data', limit: 2 });
    expect(first.items.map((product) => product.sku)).toEqual(['DATA-SCI', 'DDIA']);
    const second = await listProducts(deps, { q: 'data', limit: 2, cursor: first.nextCursor ?? '' });
    expect(second).toEqual({ items: [expect.objectContaining({ sku: 'SICP' })], nextCursor: null });
    await expect(
      listProducts(deps, { q: 'design', limit: 2, cursor: first.nextCursor ?? '' }),
    ).rejects.toThrow(InvalidCursorError);
    await expect(
      listProducts(deps, { q: 'data', sort: 'price', limit: 2, cursor: first.nextCursor ?? '' }),
    ).rejects.toThrow(InvalidCursorError);
  });
});

describe('listProducts: listing', () => {
  it('lists the newest first by default, and walks them with the cursors it hands out', async () => {
    const deps = await setUp();
    const first = await listProducts(deps, { limit: 3 });
    expect(first.items.map((product) => product.sku)).toEqual(['CREME', 'SICP', 'DATA-SCI']);
    const second = await listProducts(deps, { limit: 3, cursor: first.nextCursor ?? '' });
    expect(second).toEqual({ items: [expect.objectContaining({ sku: 'DDIA' })], nextCursor: null });
  });

  it('sorts by name and price, filtered by category, price and stock', async () => {
    const deps = await setUp();
    expect(await skus(deps, { sort: 'name' })).toEqual(['CREME', 'DATA-SCI', 'DDIA', 'SICP']);
    expect(await skus(deps, { sort: '-price', category: 'books' })).toEqual(['SICP', 'DDIA', 'DATA-SCI']);
    expect(await skus(deps, { sort: 'price', minPrice: 3000, maxPrice: 5000 })).toEqual(['DATA-SCI', 'DDIA']);
    expect(await skus(deps, { inStock: false })).toEqual(['DATA-SCI']);
  });

  it('refuses a cursor from another category listing', async () => {
    const deps = await setUp();
    const books = await listProducts(deps, { category: 'books', limit: 1 });
    await expect(
      listProducts(deps, { category: 'kitchen', limit: 1, cursor: books.nextCursor ?? '' }),
    ).rejects.toThrow(InvalidCursorError);
  });

  it('shows products without internal fields', async () => {
    const deps = await setUp();
    const { items } = await listProducts(deps, { category: 'kitchen', limit: 10 });
    expect(Object.keys(items[0] ?? {}).sort()).toEqual([
      'category',
      'description',
      'inStock',
      'name',
      'price',
      'sku',
    ]);
  });
});
