import { httpRoute } from '../../shared/http/http-route.js';
import { cartItemPath, setCartItemBody } from '../contracts/schemas.js';
import { cartDependencies } from '../dependencies.js';
import { setCartItem } from '../use-cases/cart.js';

export const setCartItemHandler = (deps = cartDependencies) =>
  httpRoute(
    { access: 'customer', path: cartItemPath, body: setCartItemBody, metric: 'CartItemSet' },
    ({ caller, path, body }) => setCartItem(deps(), caller.userId, path.sku, body.quantity),
  );

export const handler = setCartItemHandler();
