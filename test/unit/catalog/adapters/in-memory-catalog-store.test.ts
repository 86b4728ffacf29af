import { InMemoryCatalog } from '../../../../functions/catalog/adapters/in-memory-catalog-store.js';
import { catalogStoreContract } from '../../../support/catalog/catalog-store-contract.js';

catalogStoreContract('in-memory catalog store', async () => {
  const catalog = new InMemoryCatalog();
  return { products: catalog.productStore, categories: catalog.categoryStore };
});
