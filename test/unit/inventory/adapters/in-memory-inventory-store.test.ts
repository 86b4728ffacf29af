import { InMemoryInventory } from '../../../../functions/inventory/adapters/in-memory-inventory-store.js';
import { inventoryStoreContract } from '../../../support/inventory/inventory-store-contract.js';

inventoryStoreContract('in-memory inventory store', async () => new InMemoryInventory().store);
