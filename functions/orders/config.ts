import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';
import { cursorKeyVariables } from '../shared/secret-cursors.js';

const store = { ORDERS_TABLE_NAME: z.string().check(z.minLength(1)) };
/** The catalog's GetProducts read contract. */
const catalog = { CATALOG_GET_PRODUCTS_FUNCTION: z.string().check(z.minLength(1)) };
/** The cart's GetCartLines read contract. */
const cart = { CART_GET_CART_LINES_FUNCTION: z.string().check(z.minLength(1)) };
/** Inventory's CommitInventory contract, which ConfirmOrder calls. */
const inventory = { INVENTORY_COMMIT_INVENTORY_FUNCTION: z.string().check(z.minLength(1)) };
const saga = { ORDER_SAGA_ARN: z.string().check(z.minLength(1)) };
const cancellation = { ORDER_CANCELLATION_ARN: z.string().check(z.minLength(1)) };

/**
 * Each function's environment is what it uses, no more: a function is
 * granted exactly what its manifest entry declares (functions/orders/service.ts),
 * and the stack checks at synth that the two agree.
 */
export const ordersConfig = defineConfig(store);
export const placeOrderConfig = defineConfig({ ...store, ...catalog });
export const checkOutConfig = defineConfig({ ...store, ...catalog, ...cart });
export const listOrdersConfig = defineConfig({ ...store, ...cursorKeyVariables });
export const confirmOrderConfig = defineConfig({ ...store, ...inventory });
export const startOrderSagaConfig = defineConfig({ ...store, ...saga });
export const cancellationConfig = defineConfig({ ...store, ...cancellation });

/** Each adapter reads only its own variables, when it is first used. */
export const adapterConfigs = {
  catalog: defineConfig(catalog),
  cart: defineConfig(cart),
  saga: defineConfig(saga),
  cancellation: defineConfig(cancellation),
};
