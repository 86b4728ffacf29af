import { httpRoute } from '../../shared/http/http-route.js';
import { inventoryRoutes } from '../contracts/routes.js';
import { inventoryDependencies } from '../dependencies.js';
import { getStock } from '../use-cases/get-stock.js';

export const getStockHandler = (deps = inventoryDependencies) =>
  httpRoute(inventoryRoutes.getStock, ({ path }) => getStock(deps(), path.sku));

export const handler = getStockHandler();
