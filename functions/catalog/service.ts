import { StockAvailabilityChanged } from '../inventory/contracts/events.js';
import { defineService } from '../shared/service-manifest.js';
import { CatalogTable } from './adapters/catalog-table.js';
import { catalogConfig, listProductsConfig } from './config.js';
import { catalogRoutes } from './contracts/routes.js';

const reads = { config: catalogConfig, table: 'read' } as const;
const writes = { config: catalogConfig, table: 'readWrite' } as const;

/** Public product and category reads, admin writes, and the GetProducts read contract. */
export const catalogService = defineService({
  name: 'catalog',
  purpose: 'products and categories: search and listings, admin writes, the GetProducts read contract',
  table: CatalogTable,
  outbox: true,
  functions: {
    ListProducts: {
      config: listProductsConfig,
      table: 'read',
      cursorSecret: true,
      trigger: { route: catalogRoutes.listProducts },
    },
    GetProduct: { ...reads, trigger: { route: catalogRoutes.getProduct } },
    ListCategories: { ...reads, trigger: { route: catalogRoutes.listCategories } },
    CreateProduct: { ...writes, trigger: { route: catalogRoutes.createProduct } },
    UpdateProduct: { ...writes, trigger: { route: catalogRoutes.updateProduct } },
    DeleteProduct: { ...writes, trigger: { route: catalogRoutes.deleteProduct } },
    GetCategory: { ...reads, trigger: { route: catalogRoutes.getCategory } },
    CreateCategory: { ...writes, trigger: { route: catalogRoutes.createCategory } },
    RenameCategory: { ...writes, trigger: { route: catalogRoutes.renameCategory } },
    DeleteCategory: { ...writes, trigger: { route: catalogRoutes.deleteCategory } },
    GetProducts: { ...reads, trigger: { contract: true } },
    UpdateStockStatus: { ...writes, trigger: { events: [StockAvailabilityChanged] } },
  },
});
