import { httpRoute } from '../../shared/http/http-route.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { listCategories } from '../use-cases/list-categories.js';

export const listCategoriesHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.listCategories, () => listCategories(deps()));

export const handler = listCategoriesHandler();
