import * as z from 'zod/mini';

/** The shop trades in one currency; amounts are integer minor units (cents). */
export const CURRENCY = 'USD';

/** The largest amount the shop accepts for one price or total: ten million dollars. */
export const MAX_AMOUNT = 1_000_000_000;

export const moneySchema = z.strictObject({
  amount: z.int().check(z.gte(0), z.lte(MAX_AMOUNT)),
  currency: z.literal(CURRENCY),
});

export type Money = z.infer<typeof moneySchema>;

export const money = (amount: number): Money => ({ amount, currency: CURRENCY });

export const sameMoney = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency;
