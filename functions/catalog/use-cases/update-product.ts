import type { DomainEvent } from '../../shared/events/define-event.js';
import { ProductPriceChanged, ProductUpdated } from '../contracts/events.js';
import type { ProductView, UpdateProductInput } from '../contracts/schemas.js';
import { ProductNotFoundError } from '../domain/errors.js';
import { productState, reviseProduct } from '../domain/product.js';
import type { CatalogDependencies } from './ports.js';
import { toProductView } from './product-view.js';

export const updateProduct = async (
  { products, clock }: Pick<CatalogDependencies, 'products' | 'clock'>,
  sku: string,
  details: UpdateProductInput,
): Promise<ProductView> => {
  const current = await products.get(sku);
  if (!current) throw new ProductNotFoundError(sku);
  const revision = reviseProduct(current, details, clock());
  if (!revision.changed) return toProductView(current);
  const events: DomainEvent[] = [ProductUpdated.create(productState(revision.product))];
  if (revision.previousPrice) {
    events.push(
      ProductPriceChanged.create({ sku, previousPrice: revision.previousPrice, price: details.price }),
    );
  }
  await products.replace(revision.product, current.version, events);
  return toProductView(revision.product);
};
