import type { Money } from '../../shared/money.js';
import type { Cart } from '../domain/cart.js';

export interface CartStore {
  /** The user's cart, or undefined before the first item. */
  get(userId: string): Promise<Cart | undefined>;
  /** Writes the cart if its stored version is still `expectedVersion`. @throws CartChangedConcurrentlyError */
  save(cart: Cart, expectedVersion: number): Promise<void>;
  /** Deletes the user's cart; none is no error. */
  delete(userId: string): Promise<void>;
}

/** Current names and prices, from the catalog's read contract. */
export interface ProductCatalog {
  getProducts(skus: readonly string[]): Promise<readonly { sku: string; name: string; price: Money }[]>;
}

export interface CartDependencies {
  readonly carts: CartStore;
  readonly catalog: ProductCatalog;
  readonly clock: () => Date;
}
