import { httpRoute } from '../../shared/http/http-route.js';
import { created } from '../../shared/http/responses.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { createProduct } from '../use-cases/create-product.js';

export const createProductHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.createProduct, async ({ body }) => {
    const product = await createProduct(deps(), body);
    return created(product, `/products/${product.sku}`);
  });

export const handler = createProductHandler();
