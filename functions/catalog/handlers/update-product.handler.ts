import { httpRoute } from '../../shared/http/http-route.js';
import { skuPath, updateProductBody } from '../contracts/schemas.js';
import { catalogDependencies } from '../dependencies.js';
import { updateProduct } from '../use-cases/update-product.js';

export const updateProductHandler = (deps = catalogDependencies) =>
  httpRoute(
    { access: 'admin', path: skuPath, body: updateProductBody, metric: 'ProductUpdated' },
    ({ path, body }) => updateProduct(deps(), path.sku, body),
  );

export const handler = updateProductHandler();
