import { scheduledJob } from '../../shared/invoke/scheduled-job.js';
import { inventoryDependencies } from '../dependencies.js';
import { releaseExpiredHolds } from '../use-cases/release-expired-holds.js';

export const releaseExpiredHoldsHandler = (deps = inventoryDependencies) =>
  scheduledJob(async () => ({ released: await releaseExpiredHolds(deps()) }));

export const handler = releaseExpiredHoldsHandler();
