import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { dashboardDependencies } from '../dashboard-dependencies.js';
import { getDashboard } from '../use-cases/dashboard.js';

export const getDashboardHandler = (deps = dashboardDependencies) =>
  httpRoute(usersRoutes.getDashboard, ({ caller }) => getDashboard(deps(), caller.userId));

export const handler = getDashboardHandler();
