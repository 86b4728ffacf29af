import type { CategoryView, CreateCategoryInput } from '../contracts/schemas.js';
import { newCategory } from '../domain/category.js';
import type { CatalogDependencies } from './ports.js';

export const createCategory = async (
  { categories, clock }: Pick<CatalogDependencies, 'categories' | 'clock'>,
  { id, name }: CreateCategoryInput,
): Promise<CategoryView> => {
  await categories.create(newCategory(id, name, clock()));
  return { id, name };
};
