import { type CreateWarehouseInput, MAIN_WAREHOUSE, type WarehouseView } from '../contracts/warehouses.js';
import { WarehouseTakenError } from '../domain/errors.js';
import { mainWarehouse, type Warehouse } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

const toView = ({ id, name, country }: Warehouse): WarehouseView => ({ id, name, country });

/** Main, which always exists, then those admins added, by id. */
export const listWarehouses = async ({
  store,
}: Pick<InventoryDependencies, 'store'>): Promise<{ items: WarehouseView[] }> => ({
  items: [mainWarehouse, ...(await store.listWarehouses())].map(toView),
});

/** @throws WarehouseTakenError, for main too */
export const createWarehouse = async (
  { store, clock }: Pick<InventoryDependencies, 'store' | 'clock'>,
  input: CreateWarehouseInput,
): Promise<WarehouseView> => {
  if (input.id === MAIN_WAREHOUSE) throw new WarehouseTakenError(input.id);
  const warehouse: Warehouse = { ...input, createdAt: clock().toISOString() };
  await store.createWarehouse(warehouse);
  return toView(warehouse);
};
