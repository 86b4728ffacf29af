import * as z from 'zod/mini';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';

/**
 * Frees an email held by a sign-up never confirmed, so that its owner can
 * sign up with it: the identity is deleted only while it is unconfirmed.
 * Sign-up calls it, and so needs no right to delete identities itself.
 */
export const ReleaseUnconfirmedSignUp = defineContract({
  name: 'ReleaseUnconfirmedSignUp',
  input: z.strictObject({ email: z.email().check(z.maxLength(254)) }),
  output: z.object({ released: z.boolean() }),
});

/** The contract, through the function that serves it. */
export const signUpReleaser = (client: LambdaInvoker, functionName: string) => ({
  async releaseUnconfirmed(email: string) {
    return (await invokeContract(client, functionName, ReleaseUnconfirmedSignUp, { email })).released;
  },
});
