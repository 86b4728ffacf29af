import { scheduledJob } from '../../shared/invoke/scheduled-job.js';
import { ordersDependencies } from '../dependencies.js';
import { settleStalledOrders } from '../use-cases/settle-stalled-orders.js';

export const settleStalledOrdersHandler = (deps = ordersDependencies) =>
  scheduledJob(() => settleStalledOrders(deps()));

export const handler = settleStalledOrdersHandler();
