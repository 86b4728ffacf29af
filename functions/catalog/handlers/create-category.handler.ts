import { httpRoute } from '../../shared/http/http-route.js';
import { created } from '../../shared/http/responses.js';
import { catalogRoutes } from '../contracts/routes.js';
import { catalogDependencies } from '../dependencies.js';
import { createCategory } from '../use-cases/create-category.js';

export const createCategoryHandler = (deps = catalogDependencies) =>
  httpRoute(catalogRoutes.createCategory, async ({ body }) => {
    const category = await createCategory(deps(), body);
    return created(category, `/categories/${category.id}`);
  });

export const handler = createCategoryHandler();
