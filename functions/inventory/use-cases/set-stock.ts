import { retrying } from '../../shared/retry.js';
import { StockAvailabilityChanged, StockLow } from '../contracts/events.js';
import type { StockView } from '../contracts/schemas.js';
import { StockChangedConcurrentlyError, StockItemNotFoundError } from '../domain/errors.js';
import { crossesZero, fallsBelow } from '../domain/stock.js';
import { toStockView } from './get-stock.js';
import type { InventoryDependencies } from './ports.js';

/** An admin sets how many units are available to sell (held units are not touched). */
export const setStock = async (
  { store, clock, lowStockThreshold }: InventoryDependencies,
  sku: string,
  available: number,
): Promise<StockView> =>
  retrying(
    async () => {
      const item = await store.getStock(sku);
      if (!item) throw new StockItemNotFoundError(sku);
      const now = clock();
      const updated = {
        ...item,
        available,
        // An admin's correction changes what the shop holds by the difference.
        received: item.received + (available - item.available),
        version: item.version + 1,
        updatedAt: now.toISOString(),
      };
      const events = [
        ...(fallsBelow(item.available, available, lowStockThreshold)
          ? [StockLow.create({ sku, available, threshold: lowStockThreshold }, now)]
          : []),
        ...(crossesZero(item.available, available)
          ? [
              StockAvailabilityChanged.create(
                { sku, inStock: available > 0, available, stockVersion: updated.version },
                now,
              ),
            ]
          : []),
      ];
      await store.setAvailable(updated, item.version, events);
      return toStockView(updated, await store.heldUnits(sku));
    },
    { attempts: 5, retryable: (error) => error instanceof StockChangedConcurrentlyError },
  );
