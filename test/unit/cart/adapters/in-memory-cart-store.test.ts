import { InMemoryCarts } from '../../../../functions/cart/adapters/in-memory-cart-store.js';
import { cartStoreContract } from '../../../support/cart/cart-store-contract.js';

cartStoreContract('in-memory cart store', async () => new InMemoryCarts().store);
