import { httpRoute } from '../../shared/http/http-route.js';
import { skuPath } from '../contracts/schemas.js';
import { inventoryDependencies } from '../dependencies.js';
import { getStock } from '../use-cases/get-stock.js';

export const getStockHandler = (deps = inventoryDependencies) =>
  httpRoute({ access: 'admin', path: skuPath }, ({ path }) => getStock(deps(), path.sku));

export const handler = getStockHandler();
