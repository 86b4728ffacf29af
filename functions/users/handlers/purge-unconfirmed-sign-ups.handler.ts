import { scheduledJob } from '../../shared/invoke/scheduled-job.js';
import { usersDependencies } from '../dependencies.js';
import { purgeUnconfirmedSignUps } from '../use-cases/sign-up.js';

export const purgeUnconfirmedSignUpsHandler = (deps = usersDependencies) =>
  scheduledJob(async () => ({ purged: await purgeUnconfirmedSignUps(deps()) }));

export const handler = purgeUnconfirmedSignUpsHandler();
