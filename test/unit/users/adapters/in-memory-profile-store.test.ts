import { InMemoryUsers } from '../../../../functions/users/adapters/in-memory-users.js';
import { profileStoreContract } from '../../../support/users/profile-store-contract.js';

profileStoreContract('in-memory profile store', async () => new InMemoryUsers().profileStore);
