import * as z from 'zod/mini';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';

/** How many unread notifications a customer has: the dashboard's read contract. */
export const CountUnreadNotifications = defineContract({
  name: 'CountUnreadNotifications',
  input: z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(128)) }),
  output: z.object({ unread: z.int().check(z.gte(0)) }),
});

export const notificationsReader = (client: LambdaInvoker, functionName: string) => ({
  async unreadCount(userId: string): Promise<number> {
    return (await invokeContract(client, functionName, CountUnreadNotifications, { userId })).unread;
  },
});
