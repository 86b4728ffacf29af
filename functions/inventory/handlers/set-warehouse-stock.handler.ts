import { httpRoute } from '../../shared/http/http-route.js';
import { inventoryRoutes } from '../contracts/routes.js';
import { setStockDependencies } from '../dependencies.js';
import { setStock } from '../use-cases/set-stock.js';

export const setWarehouseStockHandler = (deps = setStockDependencies) =>
  httpRoute(inventoryRoutes.setWarehouseStock, ({ path, body }) =>
    setStock(deps(), path.sku, body.available, path.warehouseId),
  );

export const handler = setWarehouseStockHandler();
