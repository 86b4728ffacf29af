import { httpRoute } from '../../shared/http/http-route.js';
import { skuPath } from '../contracts/schemas.js';
import { catalogDependencies } from '../dependencies.js';
import { getProduct } from '../use-cases/get-product.js';

export const getProductHandler = (deps = catalogDependencies) =>
  httpRoute({ access: 'public', path: skuPath }, ({ path }) => getProduct(deps(), path.sku));

export const handler = getProductHandler();
