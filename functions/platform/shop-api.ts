import { cartRoutes } from '../cart/contracts/routes.js';
import { catalogRoutes } from '../catalog/contracts/routes.js';
import { inventoryRoutes } from '../inventory/contracts/routes.js';
import { notificationsRoutes } from '../notifications/contracts/routes.js';
import { ordersRoutes } from '../orders/contracts/routes.js';
import { paymentsRoutes } from '../payments/contracts/routes.js';
import { openApiDocument } from '../shared/http/openapi.js';
import { shippingRoutes } from '../shipping/contracts/routes.js';
import { usersRoutes } from '../users/contracts/routes.js';
import { platformRoutes } from './contracts/routes.js';

/** Every route of the shop's HTTP API, by service. */
export const shopRoutes = {
  platform: platformRoutes,
  users: usersRoutes,
  catalog: catalogRoutes,
  cart: cartRoutes,
  orders: ordersRoutes,
  payments: paymentsRoutes,
  inventory: inventoryRoutes,
  shipping: shippingRoutes,
  notifications: notificationsRoutes,
};

/** The OpenAPI 3.1 document of the shop's HTTP API. */
export const shopOpenApi = () =>
  openApiDocument(shopRoutes, {
    title: 'serverless-shop',
    version: '1.0.0',
    description:
      'The HTTP contract of serverless-shop. Errors are RFC 9457 problem details; money is integer minor units; lists page with `limit` and an opaque `cursor`.',
  });
