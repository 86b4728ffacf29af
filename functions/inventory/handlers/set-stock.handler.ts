import { httpRoute } from '../../shared/http/http-route.js';
import { inventoryRoutes } from '../contracts/routes.js';
import { setStockDependencies } from '../dependencies.js';
import { setStock } from '../use-cases/set-stock.js';

export const setStockHandler = (deps = setStockDependencies) =>
  httpRoute(inventoryRoutes.setStock, ({ path, body }) => setStock(deps(), path.sku, body.available));

export const handler = setStockHandler();
