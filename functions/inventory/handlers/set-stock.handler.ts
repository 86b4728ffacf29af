import { httpRoute } from '../../shared/http/http-route.js';
import { setStockBody, skuPath } from '../contracts/schemas.js';
import { inventoryDependencies } from '../dependencies.js';
import { setStock } from '../use-cases/set-stock.js';

export const setStockHandler = (deps = inventoryDependencies) =>
  httpRoute({ access: 'admin', path: skuPath, body: setStockBody, metric: 'StockSet' }, ({ path, body }) =>
    setStock(deps(), path.sku, body.available),
  );

export const handler = setStockHandler();
