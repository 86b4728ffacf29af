import { httpRoute } from '../../shared/http/http-route.js';
import { created } from '../../shared/http/responses.js';
import { inventoryRoutes } from '../contracts/routes.js';
import { inventoryDependencies } from '../dependencies.js';
import { createWarehouse } from '../use-cases/warehouses.js';

export const createWarehouseHandler = (deps = inventoryDependencies) =>
  httpRoute(inventoryRoutes.createWarehouse, async ({ body }) => {
    const warehouse = await createWarehouse(deps(), body);
    return created(warehouse, `/warehouses/${warehouse.id}`);
  });

export const handler = createWarehouseHandler();
