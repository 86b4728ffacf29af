import { catalogReader } from '../catalog/contracts/get-products.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { dynamoCartStore } from './adapters/dynamodb-cart-store.js';
import { cartConfig, cartStoreConfig } from './config.js';
import type { CartDependencies } from './use-cases/ports.js';

export type CartStoreDependencies = Pick<CartDependencies, 'carts' | 'clock'>;

let store: CartStoreDependencies | undefined;
let dependencies: CartDependencies | undefined;

/** What the read contract and the consumer need: the table and a clock. */
export const cartStoreDependencies = (): CartStoreDependencies => {
  store ??= {
    carts: dynamoCartStore(dynamoDocumentClient(), cartStoreConfig.load().CART_TABLE_NAME),
    clock: () => new Date(),
  };
  return store;
};

/** The cart's real adapters, built on first use and kept for the container's life. */
export const cartDependencies = (): CartDependencies => {
  if (!dependencies) {
    const config = cartConfig.load();
    dependencies = {
      ...cartStoreDependencies(),
      catalog: catalogReader(lambdaInvoker(), config.CATALOG_GET_PRODUCTS_FUNCTION),
    };
  }
  return dependencies;
};

let inbox: Inbox | undefined;

/** The event ids cart's consumers have handled, in its own table. */
export const cartInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), cartStoreConfig.load().CART_TABLE_NAME);
  return inbox;
};
