import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { deleteCategory } from '../use-cases/categories.js';

export const deleteCategoryHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.deleteCategory, async ({ path }) => {
    await deleteCategory(deps(), path.id);
    return noContent();
  });

export const handler = deleteCategoryHandler();
