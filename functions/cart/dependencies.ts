import { catalogReader } from '../catalog/contracts/get-products.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { dynamoCartStore } from './adapters/dynamodb-cart-store.js';
import { cartConfig } from './config.js';
import type { CartDependencies } from './use-cases/ports.js';

let dependencies: CartDependencies | undefined;

/** The cart's real adapters, built on first use and kept for the container's life. */
export const cartDependencies = (): CartDependencies => {
  if (!dependencies) {
    const config = cartConfig.load();
    dependencies = {
      carts: dynamoCartStore(dynamoDocumentClient(), config.CART_TABLE_NAME),
      catalog: catalogReader(lambdaInvoker(), config.CATALOG_GET_PRODUCTS_FUNCTION),
      clock: () => new Date(),
    };
  }
  return dependencies;
};

let inbox: Inbox | undefined;

/** The event ids cart's consumers have handled, in its own table. */
export const cartInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), cartConfig.load().CART_TABLE_NAME);
  return inbox;
};
