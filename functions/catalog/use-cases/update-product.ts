import type { DomainEvent } from '../../shared/events/define-event.js';
import { retrying } from '../../shared/retry.js';
import { ProductPriceChanged, ProductUpdated } from '../contracts/events.js';
import type { ProductView, UpdateProductInput } from '../contracts/schemas.js';
import { ProductChangedConcurrentlyError, ProductNotFoundError } from '../domain/errors.js';
import { productState, reviseProduct } from '../domain/product.js';
import type { CatalogDependencies } from './ports.js';
import { toProductView } from './product-view.js';

export const updateProduct = async (
  deps: Pick<CatalogDependencies, 'products' | 'clock'>,
  sku: string,
  details: UpdateProductInput,
): Promise<ProductView> =>
  // A stock status change may land between read and write; the edit is then made again on the fresh product.
  retrying(() => reviseOnce(deps, sku, details), {
    attempts: 3,
    retryable: (error) => error instanceof ProductChangedConcurrentlyError,
  });

const reviseOnce = async (
  { products, clock }: Pick<CatalogDependencies, 'products' | 'clock'>,
  sku: string,
  details: UpdateProductInput,
): Promise<ProductView> => {
  const current = await products.get(sku);
  if (!current) throw new ProductNotFoundError(sku);
  const now = clock();
  const revision = reviseProduct(current, details, now);
  if (!revision.changed) return toProductView(current);
  const events: DomainEvent[] = [ProductUpdated.create(productState(revision.product), now)];
  if (revision.previousPrice) {
    events.push(
      ProductPriceChanged.create({ sku, previousPrice: revision.previousPrice, price: details.price }, now),
    );
  }
  await products.replace(revision.product, current.version, events);
  return toProductView(revision.product);
};
