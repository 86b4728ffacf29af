import { httpRoute } from '../../shared/http/http-route.js';
import { cartRoutes } from '../contracts/routes.js';
import { cartDependencies } from '../dependencies.js';
import { removeCartItem } from '../use-cases/cart.js';

export const removeCartItemHandler = (deps = cartDependencies) =>
  httpRoute(cartRoutes.removeCartItem, ({ caller, path }) => removeCartItem(deps(), caller.userId, path.sku));

export const handler = removeCartItemHandler();
