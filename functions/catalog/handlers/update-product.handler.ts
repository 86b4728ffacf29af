import { httpRoute } from '../../shared/http/http-route.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { updateProduct } from '../use-cases/update-product.js';

export const updateProductHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.updateProduct, ({ path, body }) => updateProduct(deps(), path.sku, body));

export const handler = updateProductHandler();
