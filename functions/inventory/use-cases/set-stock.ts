import { retrying } from '../../shared/retry.js';
import { StockAvailabilityChanged, StockLow } from '../contracts/events.js';
import type { StockView } from '../contracts/schemas.js';
import { MAIN_WAREHOUSE } from '../contracts/warehouses.js';
import {
  StockChangedConcurrentlyError,
  StockItemNotFoundError,
  WarehouseNotFoundError,
} from '../domain/errors.js';
import {
  crossesZero,
  fallsBelow,
  newStockItem,
  type StockItem,
  withWarehouseStock,
} from '../domain/stock.js';
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
 * An admin sets how many units of a sku are available to sell in one
 * warehouse, main unless another is named (held units are not touched),
 * creating the stock item of a sku the catalog has just added.
 * @throws WarehouseNotFoundError, StockItemNotFoundError
 */
export const setStock = async (
  deps: SetStockDependencies,
  sku: string,
  warehouseAvailable: number,
  warehouseId: string = MAIN_WAREHOUSE,
): Promise<StockView> => {
  if (warehouseId !== MAIN_WAREHOUSE && !(await deps.store.getWarehouse(warehouseId)))
    throw new WarehouseNotFoundError(warehouseId);
  return retrying(
    async () => {
      const { store, clock, lowStockThreshold } = deps;
      const item = await stockItemOf(deps, sku);
      const now = clock();
      // An admin's correction changes what the shop holds by the difference.
      const updated = withWarehouseStock(item, warehouseId, warehouseAvailable, now);
      const { available } = updated;
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
};
