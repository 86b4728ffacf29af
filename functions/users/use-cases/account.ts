import { UserDeleted } from '../contracts/events.js';
import { OpenOrdersError } from '../domain/errors.js';
import type { UsersDependencies } from './ports.js';

/**
 * Deletes the caller's account, unless an order of theirs is still open
 * (its address is needed until it ships). The profile goes and the email is
 * freed in one write that records the deletion and carries UserDeleted, on
 * which the cart, notifications and orders act; then the identity goes, and
 * with it every refresh token. Each step is idempotent: a retry after a
 * failure between them finishes the job.
 */
export const deleteAccount = async (
  { profiles, identity, openOrders, clock }: UsersDependencies,
  userId: string,
) => {
  if (await openOrders(userId)) throw new OpenOrdersError();
  const now = clock();
  await profiles.delete(userId, [UserDeleted.create({ userId }, now)], now.toISOString());
  await identity.deleteIdentity(userId);
};
