import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { RequestValidationError } from '../../../functions/shared/errors.js';
import { parseOrThrow, pointerFor } from '../../../functions/shared/validation.js';

const schema = z.strictObject({
  items: z
    .array(z.strictObject({ sku: z.string(), quantity: z.int().check(z.gte(1), z.lte(10)) }))
    .check(z.minLength(1)),
  note: z.optional(z.string().check(z.maxLength(5))),
});

const errorsOf = (input: unknown) => {
  try {
    parseOrThrow(schema, input);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
  }
  throw new Error('expected a validation error');
};

describe('parseOrThrow', () => {
  it('returns the parsed value when it is valid', () => {
    expect(parseOrThrow(schema, { items: [{ sku: 'A', quantity: 1 }] })).toEqual({
      items: [{ sku: 'A', quantity: 1 }],
    });
  });

  it('points at each invalid field with a JSON pointer', () => {
    expect(errorsOf({ items: [{ sku: 'A', quantity: 11 }] })).toEqual([
      { pointer: '#/items/0/quantity', detail: 'must be at most 10' },
    ]);
  });

  it('says a missing field is required', () => {
    expect(errorsOf({})).toEqual([{ pointer: '#/items', detail: 'is required' }]);
  });

  it('names each unknown property as not allowed', () => {
    expect(errorsOf({ items: [{ sku: 'A', quantity: 1 }], price: 1, __proto__x: 2 })).toEqual([
      { pointer: '#/price', detail: 'is not an allowed property' },
      { pointer: '#/__proto__x', detail: 'is not an allowed property' },
    ]);
  });

  it('never echoes the value it refused', () => {
    const errors = errorsOf({ items: [{ sku: 'A', quantity: 1 }], note: '<script>alert(1)</script>' });
    expect(JSON.stringify(errors)).not.toContain('script');
  });
});

describe('pointerFor', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(pointerFor(['a/b', 'c~d'])).toBe('#/a~1b/c~0d');
  });

  it('puts the part of the request first', () => {
    expect(pointerFor(['limit'], 'query')).toBe('#/query/limit');
  });
});
