import * as z from 'zod/mini';
import { defineEvent } from '../../shared/events/define-event.js';

/** An account whose email is confirmed: its profile exists from now on. */
export const UserRegistered = defineEvent({
  source: 'shop.users',
  detailType: 'UserRegistered',
  version: 1,
  data: z.object({ userId: z.string().check(z.minLength(1)), email: z.string(), name: z.string() }),
});

/**
 * An account deleted by its owner. Each service forgets what it holds of the
 * user (cart, notifications) or keeps it without personal data (orders). No
 * email or name travels with it: the event itself stays in the archive.
 */
export const UserDeleted = defineEvent({
  source: 'shop.users',
  detailType: 'UserDeleted',
  version: 1,
  data: z.object({ userId: z.string().check(z.minLength(1)) }),
});

export const usersEvents = [UserRegistered, UserDeleted] as const;
