import * as z from 'zod';

/** A payment token from the client's payment form; the simulator's tokens are listed in API.md. */
export const paymentTokenSchema = z.string().regex(/^tok_[a-z0-9_]{1,64}$/);
