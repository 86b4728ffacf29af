import { retrying } from '../../shared/retry.js';
import { StockAvailabilityChanged, StockLow } from '../contracts/events.js';
import type { StockView } from '../contracts/schemas.js';
import { StockChangedConcurrentlyError, StockItemNotFoundError } from '../domain/errors.js';
import { crossesZero, fallsBelow, newStockItem, type StockItem } from '../domain/stock.js';
import { toStockView } from './get-stock.js';
import type { SetStockDependencies } from './ports.js';

/**
 * The sku's stock item; created, empty, when the catalog has the sku and
 * inventory has not heard of it yet (ProductCreated is on its way: it then
 * finds the item made and changes nothing).
 * @throws StockItemNotFoundError when the catalog has no such sku either
 */
const stockItemOf = async (
  { store, clock, catalog }: Pick<SetStockDependencies, 'store' | 'clock' | 'catalog'>,
  sku: string,
): Promise<StockItem> => {
  const item = await store.getStock(sku);
  if (item) return item;
  if (!(await catalog.has(sku))) throw new StockItemNotFoundError(sku);
  await store.createStockItem(newStockItem(sku, clock()));
  const created = await store.getStock(sku);
  if (!created) throw new StockChangedConcurrentlyError(sku);
  return created;
};

/**
 * An admin sets how many units are available to sell (held units are not
 * touched), creating the stock item of a sku the catalog has just added.
 */
export const setStock = async (
  deps: SetStockDependencies,
  sku: string,
  available: number,
): Promise<StockView> =>
  retrying(
    async () => {
      const { store, clock, lowStockThreshold } = deps;
      const item = await stockItemOf(deps, sku);
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
