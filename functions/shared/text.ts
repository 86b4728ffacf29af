import * as z from 'zod/mini';

const SINGLE_LINE = /^[^\p{Cc}\p{Cs}]*$/u;
const MULTI_LINE = /^(?:[^\p{Cc}\p{Cs}]|[\n\t])*$/u;

/**
 * Text a person typed: trimmed, `min..max` characters, no control characters
 * (line breaks and tabs only where `multiline`), no unpaired surrogates (they
 * cannot be encoded as UTF-8 and break whatever reads them next).
 */
export const text = (max: number, { min = 1, multiline = false } = {}) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(min),
      z.maxLength(max),
      z.regex(
        multiline ? MULTI_LINE : SINGLE_LINE,
        'must not contain control characters or unpaired surrogates',
      ),
    );
