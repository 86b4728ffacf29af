import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PaymentDeclinedError, ProviderUnavailableError } from '../../../functions/payments/domain/errors.js';
import { idempotencyKey } from '../../../functions/payments/domain/payment.js';
import type { PaymentProvider } from '../../../functions/payments/use-cases/ports.js';
import { money } from '../../../functions/shared/money.js';
import { scaled } from '../time-scale.js';

/** A provider under the contract, with the tokens that make it approve, decline and fail. */
export interface ProviderUnderContract {
  readonly provider: PaymentProvider;
  /** A token the provider approves. */
  readonly approved: string;
  /** Tokens the provider declines, with the decline code each gives. */
  readonly declined: readonly { readonly token: string; readonly code: string }[];
  /** A token the provider has never heard of: a decline, never a failure. */
  readonly unknown: string;
  /**
   * Makes the next charge fail as a provider failure would (network, 5xx),
   * and answers the token to charge with; absent when the provider cannot be
   * made to fail (a real provider's test mode).
   */
  readonly failNextCharge?: () => string;
  /**
   * Looking a charge up may lag its making (Stripe's search: "less than a
   * minute"): the contract then asks again for this long.
   */
  readonly findLagMs?: number;
}

const newOrder = () => randomUUID();

/** Asks `find` until it answers something, for at most `lagMs`. */
const found = async <T>(find: () => Promise<T | undefined>, lagMs: number): Promise<T | undefined> => {
  const deadline = Date.now() + lagMs;
  for (;;) {
    const answer = await find();
    if (answer !== undefined || Date.now() >= deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
};

/**
 * What every payment provider must do for the saga to be safe, whichever it
 * is: charges and refunds idempotent on their key, declines as business
 * errors with their code, failures as transient ones, and a charge findable
 * by its key when its answer was lost.
 */
export const paymentProviderContract = (
  name: string,
  setUp: () => Promise<ProviderUnderContract>,
  {
    unavailable,
    canFail = true,
  }: {
    /** Why the provider cannot be reached here (the suite is skipped, saying so). */
    unavailable?: string;
    /** Whether `failNextCharge` can make it fail; a real provider's test mode cannot. */
    canFail?: boolean;
  } = {},
) =>
  describe.skipIf(unavailable !== undefined)(
    `${name}, as the saga needs any payment provider${canFail ? '' : ' (no failure to inject)'}${unavailable ? ` (skipped: ${unavailable})` : ''}`,
    () => {
      const timeout = scaled(120_000);
      const userId = 'u-contract';
      const charge = (p: ProviderUnderContract, orderId: string, token: string, amount = 1250) =>
        p.provider.charge({
          idempotencyKey: idempotencyKey(orderId, 'charge'),
          amount: money(amount),
          token,
          userId,
        });

      it(
        'approves a charge once per key: asked again, it answers the same charge',
        async () => {
          const p = await setUp();
          const orderId = newOrder();
          const first = await charge(p, orderId, p.approved);
          expect(first.chargeId).toEqual(expect.any(String));
          expect(await charge(p, orderId, p.approved)).toEqual(first);
          expect((await charge(p, newOrder(), p.approved)).chargeId).not.toBe(first.chargeId);
        },
        timeout,
      );

      it(
        'declines with the code of the decline, the same when asked again, as a business error',
        async () => {
          const p = await setUp();
          for (const { token, code } of p.declined) {
            const orderId = newOrder();
            for (let attempt = 0; attempt < 2; attempt++) {
              const error = await charge(p, orderId, token).catch((caught: unknown) => caught);
              expect(error).toBeInstanceOf(PaymentDeclinedError);
              expect((error as PaymentDeclinedError).declineCode).toBe(code);
            }
          }
        },
        timeout,
      );

      it(
        'declines a token it does not know, rather than failing',
        async () => {
          const p = await setUp();
          await expect(charge(p, newOrder(), p.unknown)).rejects.toBeInstanceOf(PaymentDeclinedError);
        },
        timeout,
      );

      it(
        'finds a charge by its key, with its amount; nothing for a key never charged or declined',
        async () => {
          const p = await setUp();
          const orderId = newOrder();
          const { chargeId } = await charge(p, orderId, p.approved, 4321);
          const key = idempotencyKey(orderId, 'charge');
          expect(await found(() => p.provider.findCharge({ idempotencyKey: key }), p.findLagMs ?? 0)).toEqual(
            {
              chargeId,
              amount: money(4321),
            },
          );
          expect(await p.provider.findCharge({ idempotencyKey: idempotencyKey(newOrder(), 'charge') })).toBe(
            undefined,
          );
          const declinedOrder = newOrder();
          const [decline] = p.declined;
          if (decline) await charge(p, declinedOrder, decline.token).catch(() => undefined);
          expect(
            await p.provider.findCharge({ idempotencyKey: idempotencyKey(declinedOrder, 'charge') }),
          ).toBeUndefined();
        },
        timeout,
      );

      it(
        'refunds a charge once per key: asked again, it answers the same refund',
        async () => {
          const p = await setUp();
          const orderId = newOrder();
          const { chargeId } = await charge(p, orderId, p.approved);
          const refund = () =>
            p.provider.refund({
              idempotencyKey: idempotencyKey(orderId, 'refund'),
              chargeId,
              amount: money(1250),
            });
          const first = await refund();
          expect(first.refundId).toEqual(expect.any(String));
          expect(await refund()).toEqual(first);
        },
        timeout,
      );

      if (canFail)
        it(
          'fails as a transient error when the provider fails, and charges once when asked again with the key',
          async () => {
            const p = await setUp();
            if (!p.failNextCharge) throw new Error(`${name} says it can fail, and has no failNextCharge.`);
            const orderId = newOrder();
            const token = p.failNextCharge();
            await expect(charge(p, orderId, token)).rejects.toBeInstanceOf(ProviderUnavailableError);
            const { chargeId } = await charge(p, orderId, token);
            expect(await charge(p, orderId, token)).toEqual({ chargeId });
          },
          timeout,
        );
    },
  );
