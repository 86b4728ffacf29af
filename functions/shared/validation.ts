import type * as z from 'zod/mini';
import type { FieldError } from './errors.js';
import { RequestValidationError } from './errors.js';

const escapePointerToken = (token: PropertyKey): string =>
  String(token).replaceAll('~', '~0').replaceAll('/', '~1').slice(0, 200);

/** `#/items/0/quantity` for the path `['items', 0, 'quantity']`, under an optional root. */
export const pointerFor = (path: readonly PropertyKey[], root?: string): string =>
  `#/${[...(root ? [root] : []), ...path].map(escapePointerToken).join('/')}`;

/**
 * Zod's issues as field errors. Messages are our own wording per issue kind so
 * that nothing the caller sent is echoed back.
 */
export const fieldErrorsOf = (issues: readonly z.core.$ZodIssue[], root?: string): FieldError[] =>
  issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pointer: pointerFor([...issue.path, key], root),
        detail: 'is not an allowed property',
      }));
    }
    return [{ pointer: pointerFor(issue.path, root), detail: describeIssue(issue) }];
  });

const describeIssue = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters long`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} entries`
          : `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters long`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} entries`
          : `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has an invalid format' : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
};

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Parses or throws RequestValidationError with one field error per problem. */
export const parseOrThrow = <S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  root?: string,
): z.output<S> => {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new RequestValidationError('The request is not valid.', fieldErrorsOf(result.error.issues, root));
};
