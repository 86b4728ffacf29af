import { httpRoute } from '../../shared/http/http-route.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { listProducts } from '../use-cases/list-products.js';

export const listProductsHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.listProducts, ({ query }) => listProducts(deps(), query));

export const handler = listProductsHandler();
