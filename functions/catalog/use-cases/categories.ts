import { CategoryRenamed } from '../contracts/events.js';
import type { CategoryView, CountedCategoryView } from '../contracts/schemas.js';
import { CategoryNotFoundError } from '../domain/errors.js';
import type { CatalogDependencies } from './ports.js';

type Categories = Pick<CatalogDependencies, 'categories'>;

export const getCategory = async ({ categories }: Categories, id: string): Promise<CountedCategoryView> => {
  const category = await categories.get(id);
  if (!category) throw new CategoryNotFoundError(id);
  return { id: category.id, name: category.name, productCount: category.productCount };
};

/**
 * Renames a category. Search finds its products by the new name from the
 * rename on: the rename is a change search reads, and its products' words are
 * made from their category's current name. The same name again changes nothing.
 */
export const renameCategory = async (
  { categories, clock }: Pick<CatalogDependencies, 'categories' | 'clock'>,
  id: string,
  name: string,
): Promise<CategoryView> => {
  const current = await categories.get(id);
  if (!current) throw new CategoryNotFoundError(id);
  if (current.name !== name) {
    await categories.rename(id, name, [CategoryRenamed.create({ categoryId: id }, clock())]);
  }
  return { id, name };
};

/** @throws CategoryNotFoundError, CategoryInUseError */
export const deleteCategory = ({ categories }: Categories, id: string): Promise<void> =>
  categories.delete(id);
