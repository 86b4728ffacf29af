import { httpRoute } from '../../shared/http/http-route.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { getProduct } from '../use-cases/get-product.js';

export const getProductHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.getProduct, ({ path }) => getProduct(deps(), path.sku));

export const handler = getProductHandler();
