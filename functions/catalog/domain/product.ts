import { type Money, sameMoney } from '../../shared/money.js';

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly price: Money;
  /** Whether inventory holds any of it. A new product has no stock until inventory says so. */
  readonly inStock: boolean;
  /** Inventory's version of the stock the `inStock` flag reflects; older news is ignored. */
  readonly stockVersion: number;
  /** Increases with every change; writes are conditional on it. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ProductDetails {
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly price: Money;
}

export const newProduct = (sku: string, details: ProductDetails, now: Date): Product => ({
  sku,
  ...details,
  inStock: false,
  stockVersion: 0,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

export interface ProductRevision {
  readonly product: Product;
  readonly changed: boolean;
  readonly previousPrice?: Money;
}

/** Replaces a product's details. Unchanged details are no revision at all, so a repeated PUT is a no-op. */
export const reviseProduct = (current: Product, details: ProductDetails, now: Date): ProductRevision => {
  const priceChanged = !sameMoney(current.price, details.price);
  const changed =
    priceChanged ||
    current.name !== details.name ||
    current.description !== details.description ||
    current.category !== details.category;
  if (!changed) return { product: current, changed: false };
  return {
    product: { ...current, ...details, version: current.version + 1, updatedAt: now.toISOString() },
    changed: true,
    ...(priceChanged ? { previousPrice: current.price } : {}),
  };
};

/** What other services may see of a product. */
export const productState = ({ sku, name, description, category, price }: Product) => ({
  sku,
  name,
  description,
  category,
  price,
});
