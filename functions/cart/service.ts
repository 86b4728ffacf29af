import { OrderPlaced } from '../orders/contracts/events.js';
import { defineService } from '../shared/service-manifest.js';
import { UserDeleted } from '../users/contracts/events.js';
import { CartTable } from './adapters/cart-table.js';
import { cartConfig, cartStoreConfig } from './config.js';
import { cartRoutes } from './contracts/routes.js';

const pricing = { config: cartConfig, calls: ['catalog.GetProducts'] } as const;
const store = { config: cartStoreConfig } as const;

/** One cart per customer, priced at read time through the catalog's GetProducts contract. */
export const cartService = defineService({
  name: 'cart',
  purpose: "the customer's cart, priced at read time through the catalog",
  table: CartTable,
  functions: {
    GetCart: { ...pricing, table: 'read', trigger: { route: cartRoutes.getCart } },
    SetCartItem: { ...pricing, table: 'readWrite', trigger: { route: cartRoutes.setCartItem } },
    RemoveCartItem: { ...pricing, table: 'readWrite', trigger: { route: cartRoutes.removeCartItem } },
    GetCartLines: { ...store, table: 'read', trigger: { contract: true } },
    RemoveCheckedOutItems: {
      ...store,
      table: 'readWrite',
      // Only a checkout leaves lines to remove: an order placed directly costs the cart nothing.
      trigger: { events: [OrderPlaced], where: { fromCart: [true] } },
    },
    ForgetCart: { ...store, table: 'readWrite', trigger: { events: [UserDeleted] } },
  },
});
