import type { CategoryView } from '../contracts/schemas.js';
import type { CatalogDependencies } from './ports.js';

export const listCategories = async ({
  categories,
}: Pick<CatalogDependencies, 'categories'>): Promise<{ items: CategoryView[] }> => ({
  items: (await categories.list()).map(({ id, name }) => ({ id, name })),
});
