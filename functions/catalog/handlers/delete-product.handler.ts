import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { deleteProduct } from '../use-cases/delete-product.js';

export const deleteProductHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.deleteProduct, async ({ path }) => {
    await deleteProduct(deps(), path.sku);
    return noContent();
  });

export const handler = deleteProductHandler();
