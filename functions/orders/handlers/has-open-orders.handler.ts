import { serveContract } from '../../shared/invoke/contract.js';
import { HasOpenOrders } from '../contracts/list-recent-orders.js';
import { orderStepDependencies } from '../dependencies.js';
import { hasOpenOrders } from '../use-cases/read-orders.js';

export const hasOpenOrdersHandler = (deps = orderStepDependencies) =>
  serveContract(HasOpenOrders, async ({ userId }) => ({ open: await hasOpenOrders(deps(), userId) }));

export const handler = hasOpenOrdersHandler();
