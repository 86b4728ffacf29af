import { httpRoute } from '../../shared/http/http-route.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { renameCategory } from '../use-cases/categories.js';

export const renameCategoryHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.renameCategory, ({ path, body }) => renameCategory(deps(), path.id, body.name));

export const handler = renameCategoryHandler();
