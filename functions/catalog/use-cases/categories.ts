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
 * Renames a category. Its products' index holds the category's words, so
 * CategoryRenamed makes the catalog index them again (reindexCategory): search
 * finds them by the new name once that has run. The same name again changes nothing.
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

/** Products read per page while a category's products are indexed again. */
const REINDEX_PAGE = 100;

/**
 * Indexes every product of a category again with the category's current
 * name. Idempotent: a product already indexed with it costs one read. Run
 * again (a redelivered event), it goes over the products quickly up to where it stopped.
 */
export const reindexCategory = async (
  { products }: Pick<CatalogDependencies, 'products'>,
  categoryId: string,
): Promise<number> => {
  let reindexed = 0;
  let after: Parameters<typeof products.browse>[0]['after'];
  do {
    const page = await products.browse({
      order: 'newest',
      descending: false,
      filters: { category: categoryId },
      limit: REINDEX_PAGE,
      ...(after ? { after } : {}),
    });
    for (const product of page.items) if (await products.reindex(product.sku)) reindexed++;
    after = page.next;
  } while (after);
  return reindexed;
};
