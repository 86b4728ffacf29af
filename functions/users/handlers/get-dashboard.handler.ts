import { httpRoute } from '../../shared/http/http-route.js';
import { dashboardDependencies } from '../dashboard-dependencies.js';
import { getDashboard } from '../use-cases/dashboard.js';

export const getDashboardHandler = (deps = dashboardDependencies) =>
  httpRoute({ access: 'customer' }, ({ caller }) => getDashboard(deps(), caller.userId));

export const handler = getDashboardHandler();
