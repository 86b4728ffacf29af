import * as z from 'zod/mini';

/** A country as ISO 3166-1 alpha-2 writes it: two capital letters. */
export const countryCodeSchema = z
  .string()
  .check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'));
