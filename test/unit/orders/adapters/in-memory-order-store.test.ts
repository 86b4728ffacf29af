import { InMemoryOrders } from '../../../../functions/orders/adapters/in-memory-order-store.js';
import { orderStoreContract } from '../../../support/orders/order-store-contract.js';

orderStoreContract('in-memory order store', async () => new InMemoryOrders().store);
