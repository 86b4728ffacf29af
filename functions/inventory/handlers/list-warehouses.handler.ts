import { httpRoute } from '../../shared/http/http-route.js';
import { inventoryRoutes } from '../contracts/routes.js';
import { inventoryDependencies } from '../dependencies.js';
import { listWarehouses } from '../use-cases/warehouses.js';

export const listWarehousesHandler = (deps = inventoryDependencies) =>
  httpRoute(inventoryRoutes.listWarehouses, () => listWarehouses(deps()));

export const handler = listWarehousesHandler();
