import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { InvalidCursorError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=`, shared by every list route. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(2048).optional(),
};

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The schema of a page of `item`s, for the HTTP contract. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Where a listing stopped, as the store understands it (a DynamoDB key). */
export type PageKey = Record<string, string | number>;

/**
 * Opaque, tamper-proof cursors: the position is signed together with the
 * scope it belongs to (the query and the caller), so a cursor cannot be
 * edited, forged, or replayed by someone else or against another query.
 */
export interface CursorCodec {
  encode(key: PageKey, scope: string): string;
  decode(cursor: string, scope: string): PageKey;
}

const pageKeySchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const hmacCursors = (secret: string): CursorCodec => {
  if (secret.length < 32) throw new Error('The cursor secret must be at least 32 characters long.');
  const sign = (payload: string, scope: string) =>
    createHmac('sha256', secret).update(`${scope}\n${payload}`).digest();
  return {
    encode(key, scope) {
      const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${payload}.${sign(payload, scope).toString('base64url')}`;
    },
    decode(cursor, scope) {
      const [payload, signature, ...rest] = cursor.split('.');
      if (!payload || !signature || rest.length > 0) throw new InvalidCursorError();
      const expected = sign(payload, scope);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new InvalidCursorError();
      try {
        return pageKeySchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        throw new InvalidCursorError();
      }
    },
  };
};
