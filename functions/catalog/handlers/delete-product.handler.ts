import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { skuPath } from '../contracts/schemas.js';
import { catalogDependencies } from '../dependencies.js';
import { deleteProduct } from '../use-cases/delete-product.js';

export const deleteProductHandler = (deps = catalogDependencies) =>
  httpRoute({ access: 'admin', path: skuPath, metric: 'ProductDeleted' }, async ({ path }) => {
    await deleteProduct(deps(), path.sku);
    return noContent();
  });

export const handler = deleteProductHandler();
