import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually } from '../support/local-cloud-client.js';

interface Page {
  items: { sku: string; name: string; inStock: boolean; price: { amount: number } }[];
  nextCursor: string | null;
}

const skus = async (query: string): Promise<string[]> => {
  const response = await api(`/products?${query}`);
  expect(response.status, response.text).toBe(200);
  return (response.body as Page).items.map((product) => product.sku);
};

/** A word no other test and no demo product uses, so that these tests see only their own products. */
const uniqueWord = (label: string) =>
  `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const admin = async () => {
  const { AccessToken } = await adminTokens();
  return {
    send: (path: string, method: string, body?: unknown) =>
      api(path, { method, token: AccessToken, ...(body !== undefined ? { body } : {}) }),
  };
};

const productBody = (sku: string, name: string, description: string, category: string, amount: number) => ({
  sku,
  name,
  description,
  category,
  price: { amount, currency: 'USD' },
});

describe('searching the catalog on the local cloud', () => {
  it('finds a demo product by a word of its description and by a prefix, whatever the case', async () => {
    expect(await skus('q=metacircular')).toEqual(['BOOK-SICP']);
    expect(await skus('q=MAINTAIN')).toEqual(['BOOK-DDIA']);
  });

  it('finds a new product at once; a renamed one by its new name only; a deleted one no more', async () => {
    const { send } = await admin();
    const [oldWord, newWord] = [uniqueWord('old'), uniqueWord('new')];
    const sku = `SRCH-${Date.now().toString(36).toUpperCase()}`;
    expect(
      (await send('/products', 'POST', productBody(sku, `Lamp ${oldWord}`, 'Warm light', 'home', 3900)))
        .status,
    ).toBe(201);
    expect(await skus(`q=${oldWord}`)).toEqual([sku]);
    const renamed = await send(`/products/${sku}`, 'PUT', {
      ...productBody(sku, `Lamp ${newWord}`, 'Warm light', 'home', 3900),
      sku: undefined,
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(await skus(`q=${oldWord}`)).toEqual([]);
    expect(await skus(`q=${newWord.slice(0, -2)}`)).toEqual([sku]);
    expect((await send(`/products/${sku}`, 'DELETE')).status).toBe(204);
    expect(await skus(`q=${newWord}`)).toEqual([]);
  });

  it('combines a search with price and stock filters and sorts', async () => {
    const { send } = await admin();
    const word = uniqueWord('combo');
    const stamp = Date.now().toString(36).toUpperCase();
    const made = [
      ['CHEAP', 500],
      ['MID', 1500],
      ['DEAR', 9000],
    ] as const;
    for (const [label, amount] of made) {
      const response = await send(
        '/products',
        'POST',
        productBody(`${label}-${stamp}`, `${label} ${word}`, 'A thing', 'outdoors', amount),
      );
      expect(response.status, response.text).toBe(201);
    }
    // Stock set at once after the product is made: no 404 while ProductCreated is on its way.
    expect((await send(`/inventory/MID-${stamp}`, 'PUT', { available: 3 })).status).toBe(200);
    expect((await send(`/inventory/DEAR-${stamp}`, 'PUT', { available: 1 })).status).toBe(200);
    expect(await skus(`q=${word}&sort=price`)).toEqual([`CHEAP-${stamp}`, `MID-${stamp}`, `DEAR-${stamp}`]);
    expect(await skus(`q=${word}&sort=-price&maxPrice=1500`)).toEqual([`MID-${stamp}`, `CHEAP-${stamp}`]);
    // inStock follows the stock a moment later (StockAvailabilityChanged).
    await eventually(async () => {
      const found = await skus(`q=${word}&inStock=true&minPrice=1000&sort=price`);
      return found.length === 2 ? found : undefined;
    });
    expect(await skus(`q=${word}&inStock=true&minPrice=1000&sort=price`)).toEqual([
      `MID-${stamp}`,
      `DEAR-${stamp}`,
    ]);
    expect(await skus(`q=${word}&category=books`)).toEqual([]);
  });

  it('takes a query made of expression syntax as words, and finds nothing', async () => {
    expect(await skus(`q=${encodeURIComponent("') OR begins_with(pk, 'USER#') -- *")}`)).toEqual([]);
    expect(await skus(`q=${encodeURIComponent('%_*?')}`)).toEqual([]);
  });

  it('answers 404 to setting the stock of a sku the catalog does not have', async () => {
    const { send } = await admin();
    const response = await send('/inventory/NO-SUCH-SKU-E2E', 'PUT', { available: 3 });
    expect(response.status).toBe(404);
  });
});

describe('categories on the local cloud', () => {
  it('counts, renames (search follows) and deletes only an empty category', async () => {
    const { send } = await admin();
    const id = `cat-${Date.now().toString(36)}`;
    const [before, after] = [uniqueWord('before'), uniqueWord('after')];
    expect((await send('/categories', 'POST', { id, name: `Shelf ${before}` })).status).toBe(201);
    expect((await api(`/categories/${id}`)).body).toEqual({ id, name: `Shelf ${before}`, productCount: 0 });
    const sku = `CAT-${Date.now().toString(36).toUpperCase()}`;
    expect(
      (await send('/products', 'POST', productBody(sku, 'Plain box', 'Nothing to say', id, 100))).status,
    ).toBe(201);
    expect((await api(`/categories/${id}`)).body).toMatchObject({ productCount: 1 });
    expect(await skus(`q=${before}`)).toEqual([sku]);

    expect((await send(`/categories/${id}`, 'DELETE')).status).toBe(409);
    const renamed = await send(`/categories/${id}`, 'PUT', { name: `Shelf ${after}` });
    expect(renamed).toMatchObject({ status: 200, body: { id, name: `Shelf ${after}` } });
    await eventually(async () => ((await skus(`q=${after}`)).length === 1 ? true : undefined));
    expect(await skus(`q=${before}`)).toEqual([]);

    expect((await send(`/products/${sku}`, 'DELETE')).status).toBe(204);
    expect((await send(`/categories/${id}`, 'DELETE')).status).toBe(204);
    expect((await api(`/categories/${id}`)).status).toBe(404);
  });
});
