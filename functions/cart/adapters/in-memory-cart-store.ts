import type { Cart } from '../domain/cart.js';
import { CartChangedConcurrentlyError } from '../domain/errors.js';
import type { CartStore } from '../use-cases/ports.js';

/** The DynamoDB cart store's twin in memory; the shared contract suite holds both to the same promises. */
export class InMemoryCarts {
  readonly carts = new Map<string, Cart>();

  readonly store: CartStore = {
    get: async (userId) => this.carts.get(userId),
    save: async (cart, expectedVersion) => {
      if ((this.carts.get(cart.userId)?.version ?? 0) !== expectedVersion)
        throw new CartChangedConcurrentlyError();
      this.carts.set(cart.userId, cart);
    },
    delete: async (userId) => {
      this.carts.delete(userId);
    },
  };
}
