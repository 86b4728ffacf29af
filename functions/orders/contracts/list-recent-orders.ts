import * as z from 'zod/mini';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';
import { orderView } from './schemas.js';

/** A customer's newest orders: the dashboard's read contract. */
export const ListRecentOrders = defineContract({
  name: 'ListRecentOrders',
  input: z.strictObject({
    userId: z.string().check(z.minLength(1), z.maxLength(128)),
    limit: z.int().check(z.gte(1), z.lte(20)),
  }),
  output: z.object({ items: z.array(orderView) }),
});

/** Whether a customer has an order still PENDING or CONFIRMED: account deletion's read contract. */
export const HasOpenOrders = defineContract({
  name: 'HasOpenOrders',
  input: z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(128)) }),
  output: z.object({ open: z.boolean() }),
});

/** Orders' read contracts, through the function each is served by. */
export const ordersReader = (client: LambdaInvoker, functionName: string) => ({
  async recent(userId: string, limit: number) {
    return (await invokeContract(client, functionName, ListRecentOrders, { userId, limit })).items;
  },
  async hasOpenOrders(userId: string) {
    return (await invokeContract(client, functionName, HasOpenOrders, { userId })).open;
  },
});
