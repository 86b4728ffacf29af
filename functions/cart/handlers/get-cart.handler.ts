import { httpRoute } from '../../shared/http/http-route.js';
import { cartDependencies } from '../dependencies.js';
import { getCart } from '../use-cases/cart.js';

export const getCartHandler = (deps = cartDependencies) =>
  httpRoute({ access: 'customer' }, ({ caller }) => getCart(deps(), caller.userId));

export const handler = getCartHandler();
