import { httpRoute } from '../../shared/http/http-route.js';
import { cartItemPath } from '../contracts/schemas.js';
import { cartDependencies } from '../dependencies.js';
import { removeCartItem } from '../use-cases/cart.js';

export const removeCartItemHandler = (deps = cartDependencies) =>
  httpRoute({ access: 'customer', path: cartItemPath }, ({ caller, path }) =>
    removeCartItem(deps(), caller.userId, path.sku),
  );

export const handler = removeCartItemHandler();
