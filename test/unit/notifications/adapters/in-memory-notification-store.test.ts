import { InMemoryNotifications } from '../../../../functions/notifications/adapters/in-memory-notification-store.js';
import { notificationStoreContract } from '../../../support/notifications/notification-store-contract.js';

notificationStoreContract('in-memory notification store', async () => new InMemoryNotifications().store);
