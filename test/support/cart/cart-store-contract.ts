import { describe, expect, it } from 'vitest';
import { emptyCart, without, withQuantity } from '../../../functions/cart/domain/cart.js';
import { CartChangedConcurrentlyError } from '../../../functions/cart/domain/errors.js';
import type { CartStore } from '../../../functions/cart/use-cases/ports.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

/** What every cart store promises; the in-memory twin and the DynamoDB adapter both run it. */
export const cartStoreContract = (name: string, fresh: () => Promise<CartStore>) => {
  describe(name, () => {
    it('has no cart for a new customer, then the one saved', async () => {
      const store = await fresh();
      expect(await store.get('u-1')).toBeUndefined();
      const cart = withQuantity(emptyCart('u-1'), 'A1', 2, NOW);
      await store.save(cart, 0);
      expect(await store.get('u-1')).toEqual(cart);
    });

    it('saves only from the version it read', async () => {
      const store = await fresh();
      const first = withQuantity(emptyCart('u-1'), 'A1', 2, NOW);
      await store.save(first, 0);
      await expect(store.save(withQuantity(emptyCart('u-1'), 'B2', 1, NOW), 0)).rejects.toThrow(
        CartChangedConcurrentlyError,
      );
      const second = without(first, 'A1', NOW);
      await store.save(second, first.version);
      await expect(store.save(withQuantity(first, 'C3', 1, NOW), first.version)).rejects.toThrow(
        CartChangedConcurrentlyError,
      );
      expect((await store.get('u-1'))?.lines).toEqual({});
    });

    it('keeps each customer in their own cart', async () => {
      const store = await fresh();
      await store.save(withQuantity(emptyCart('u-1'), 'A1', 1, NOW), 0);
      await store.save(withQuantity(emptyCart('u-2'), 'B2', 3, NOW), 0);
      expect((await store.get('u-1'))?.lines).toEqual({ A1: 1 });
      expect((await store.get('u-2'))?.lines).toEqual({ B2: 3 });
    });
  });
};
