import { httpRoute } from '../../shared/http/http-route.js';
import { cartRoutes } from '../contracts/routes.js';
import { cartDependencies } from '../dependencies.js';
import { setCartItem } from '../use-cases/cart.js';

export const setCartItemHandler = (deps = cartDependencies) =>
  httpRoute(cartRoutes.setCartItem, ({ caller, path, body }) =>
    setCartItem(deps(), caller.userId, path.sku, body.quantity),
  );

export const handler = setCartItemHandler();
