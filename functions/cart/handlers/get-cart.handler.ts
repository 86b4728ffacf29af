import { httpRoute } from '../../shared/http/http-route.js';
import { cartRoutes } from '../contracts/routes.js';
import { cartDependencies } from '../dependencies.js';
import { getCart } from '../use-cases/cart.js';

export const getCartHandler = (deps = cartDependencies) =>
  httpRoute(cartRoutes.getCart, ({ caller }) => getCart(deps(), caller.userId));

export const handler = getCartHandler();
