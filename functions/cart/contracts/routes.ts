import { defineRoute } from '../../shared/http/route-spec.js';
import { cartItemPath, cartView, setCartItemBody } from './schemas.js';

/** The cart's HTTP routes (API.md). */
export const cartRoutes = {
  getCart: defineRoute({
    key: 'GET /cart',
    summary: "The caller's cart, priced from the catalog",
    access: 'customer',
    response: cartView,
  }),
  setCartItem: defineRoute({
    key: 'PUT /cart/items/{sku}',
    summary: 'Put a product in the cart, or change its quantity',
    access: 'customer',
    path: cartItemPath,
    body: setCartItemBody,
    response: cartView,
    metric: 'CartItemSet',
  }),
  removeCartItem: defineRoute({
    key: 'DELETE /cart/items/{sku}',
    summary: 'Take a product out of the cart',
    access: 'customer',
    path: cartItemPath,
    response: cartView,
  }),
};
