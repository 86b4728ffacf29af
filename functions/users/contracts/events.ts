import * as z from 'zod';
import { defineEvent } from '../../shared/events/define-event.js';

export const UserRegistered = defineEvent({
  source: 'shop.users',
  detailType: 'UserRegistered',
  version: 1,
  data: z.object({ userId: z.string().min(1), email: z.string(), name: z.string() }),
});

export const usersEvents = [UserRegistered] as const;
