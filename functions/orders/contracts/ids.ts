import * as z from 'zod/mini';

/** An order id as the API shows it and takes it in a path: derived from the customer and the Idempotency-Key. */
export const orderIdSchema = z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'is not an order id'));

/** An order id in a message between services (events, saga tasks): bounded, not checked for shape. */
export const orderRefSchema = z.string().check(z.minLength(1), z.maxLength(64));

/** A route's `{orderId}` path parameter. */
export const orderPath = z.object({ orderId: orderIdSchema });
