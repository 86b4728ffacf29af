import { ProductCreated } from '../catalog/contracts/events.js';
import { defineService } from '../shared/service-manifest.js';
import { InventoryTable } from './adapters/inventory-table.js';
import { inventoryConfig, setStockConfig } from './config.js';
import { inventoryRoutes } from './contracts/routes.js';

/** Below this many available units a sku is low on stock. */
const LOW_STOCK_THRESHOLD = 5;

const stock = { config: inventoryConfig, settings: { LOW_STOCK_THRESHOLD: String(LOW_STOCK_THRESHOLD) } };
const writes = { ...stock, table: 'readWrite' } as const;

/** Stock per sku, admin stock levels, the saga's reservations, and the sweep of expired holds. */
export const inventoryService = defineService({
  name: 'inventory',
  purpose: "stock per sku and warehouse, admin stock levels, the order saga's holds and their expiry",
  table: InventoryTable,
  outbox: true,
  functions: {
    GetStock: { ...stock, table: 'read', trigger: { route: inventoryRoutes.getStock } },
    SetStock: {
      ...writes,
      config: setStockConfig,
      calls: ['catalog.GetProducts'],
      trigger: { route: inventoryRoutes.setStock },
    },
    SetWarehouseStock: {
      ...writes,
      config: setStockConfig,
      calls: ['catalog.GetProducts'],
      trigger: { route: inventoryRoutes.setWarehouseStock },
    },
    ListWarehouses: { ...stock, table: 'read', trigger: { route: inventoryRoutes.listWarehouses } },
    CreateWarehouse: { ...writes, trigger: { route: inventoryRoutes.createWarehouse } },
    CreateStockItem: { ...writes, trigger: { events: [ProductCreated] } },
    ReleaseExpiredHolds: {
      ...writes,
      trigger: {
        schedule: { everyMinutes: 5, purpose: 'Releases stock held by orders that never finished' },
      },
    },
    ReserveInventory: { ...writes, trigger: { sagaTask: true } },
    ReleaseInventory: { ...writes, trigger: { sagaTask: true } },
    // Orders' ConfirmOrder sells the held units through it.
    CommitInventory: { ...writes, trigger: { contract: true } },
  },
});
