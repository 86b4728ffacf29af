import * as z from 'zod';
import { httpRoute } from '../../shared/http/http-route.js';
import { pageQuery } from '../../shared/pagination.js';
import { categoryIdSchema } from '../contracts/schemas.js';
import { catalogDependencies } from '../dependencies.js';
import { listProducts } from '../use-cases/list-products.js';

export const listProductsHandler = (deps = catalogDependencies) =>
  httpRoute(
    { access: 'public', query: z.strictObject({ category: categoryIdSchema.optional(), ...pageQuery }) },
    ({ query }) => listProducts(deps(), query),
  );

export const handler = listProductsHandler();
