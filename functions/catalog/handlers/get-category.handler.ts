import { httpRoute } from '../../shared/http/http-route.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { getCategory } from '../use-cases/categories.js';

export const getCategoryHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.getCategory, ({ path }) => getCategory(deps(), path.id));

export const handler = getCategoryHandler();
