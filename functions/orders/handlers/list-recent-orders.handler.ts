import { serveContract } from '../../shared/invoke/contract.js';
import { ListRecentOrders } from '../contracts/list-recent-orders.js';
import { orderStepDependencies } from '../dependencies.js';
import { recentOrders } from '../use-cases/read-orders.js';

export const listRecentOrdersHandler = (deps = orderStepDependencies) =>
  serveContract(ListRecentOrders, async ({ userId, limit }) => ({
    items: await recentOrders(deps(), userId, limit),
  }));

export const handler = listRecentOrdersHandler();
