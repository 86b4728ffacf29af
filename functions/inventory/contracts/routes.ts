import { defineRoute } from '../../shared/http/route-spec.js';
import { setStockBody, skuPath, stockView } from './schemas.js';

/** The inventory's HTTP routes (API.md). */
export const inventoryRoutes = {
  getStock: defineRoute({
    key: 'GET /inventory/{sku}',
    summary: "A product's available and reserved units",
    access: 'admin',
    path: skuPath,
    response: stockView,
  }),
  setStock: defineRoute({
    key: 'PUT /inventory/{sku}',
    summary: 'Set the units available for sale',
    access: 'admin',
    path: skuPath,
    body: setStockBody,
    response: stockView,
    metric: 'StockSet',
  }),
};
