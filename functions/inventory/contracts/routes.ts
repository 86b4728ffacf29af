import * as z from 'zod/mini';
import { defineRoute } from '../../shared/http/route-spec.js';
import { setStockBody, skuPath, skuWarehousePath, stockView } from './schemas.js';
import { createWarehouseBody, warehouseView } from './warehouses.js';

/** The inventory's HTTP routes (API.md). */
export const inventoryRoutes = {
  getStock: defineRoute({
    key: 'GET /inventory/{sku}',
    summary: "A product's available and reserved units, in all and per warehouse",
    access: 'admin',
    path: skuPath,
    response: stockView,
  }),
  setStock: defineRoute({
    key: 'PUT /inventory/{sku}',
    summary: 'Set the units available for sale in the main warehouse',
    access: 'admin',
    path: skuPath,
    body: setStockBody,
    response: stockView,
    metric: 'StockSet',
  }),
  setWarehouseStock: defineRoute({
    key: 'PUT /inventory/{sku}/warehouses/{warehouseId}',
    summary: 'Set the units available for sale in one warehouse',
    access: 'admin',
    path: skuWarehousePath,
    body: setStockBody,
    response: stockView,
    metric: 'StockSet',
  }),
  listWarehouses: defineRoute({
    key: 'GET /warehouses',
    summary: 'Every warehouse, main first',
    access: 'admin',
    response: z.object({ items: z.array(warehouseView) }),
  }),
  createWarehouse: defineRoute({
    key: 'POST /warehouses',
    summary: 'Add a warehouse',
    access: 'admin',
    body: createWarehouseBody,
    successStatus: 201,
    response: warehouseView,
    errors: [409],
    metric: 'WarehouseCreated',
  }),
};
