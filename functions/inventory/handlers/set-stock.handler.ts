import { httpRoute } from '../../shared/http/http-route.js';
import { inventoryRoutes } from '../contracts/routes.js';
import { inventoryDependencies } from '../dependencies.js';
import { setStock } from '../use-cases/set-stock.js';

export const setStockHandler = (deps = inventoryDependencies) =>
  httpRoute(inventoryRoutes.setStock, ({ path, body }) => setStock(deps(), path.sku, body.available));

export const handler = setStockHandler();
