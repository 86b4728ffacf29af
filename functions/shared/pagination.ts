import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { InvalidCursorError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=`, shared by every list route. */
export const pageQuery = {
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_PAGE_SIZE)), DEFAULT_PAGE_SIZE),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
};

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The schema of a page of `item`s, for the HTTP contract. */
export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** Where a listing stopped, as the store understands it (a DynamoDB key). */
export type PageKey = Record<string, string | number>;

/**
 * Opaque, tamper-proof cursors: the position is signed together with the
 * scope it belongs to (the query and the caller), so a cursor cannot be
 * edited, forged, or replayed by someone else or against another query.
 */
export interface CursorCodec {
  encode(key: PageKey, scope: string): Promise<string>;
  decode(cursor: string, scope: string): Promise<PageKey>;
}

/**
 * The keys cursors are signed with: new cursors with `current`; a cursor
 * signed with `previous` is still accepted, so a rotation of the key does not
 * break the listings people are paging through.
 */
export interface CursorKeys {
  readonly current: string;
  readonly previous?: string;
}

const pageKeySchema = z.record(z.string(), z.union([z.string(), z.number()]));

const MIN_KEY_LENGTH = 32;

const checked = (keys: CursorKeys): CursorKeys => {
  for (const key of [keys.current, keys.previous])
    if (key !== undefined && key.length < MIN_KEY_LENGTH)
      throw new Error(`A cursor key must be at least ${MIN_KEY_LENGTH} characters long.`);
  return keys;
};

/**
 * Cursors signed with HMAC-SHA256. The keys are one fixed key (tests, the
 * simulator) or read when needed (the secret, which its reader caches and
 * which may be rotated meanwhile).
 */
export const hmacCursors = (keys: string | (() => Promise<CursorKeys>)): CursorCodec => {
  const fixed = typeof keys === 'string' ? checked({ current: keys }) : undefined;
  const keysNow = async () => fixed ?? checked(await (keys as () => Promise<CursorKeys>)());
  const sign = (key: string, payload: string, scope: string) =>
    createHmac('sha256', key).update(`${scope}\n${payload}`).digest();
  return {
    async encode(key, scope) {
      const { current } = await keysNow();
      const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${payload}.${sign(current, payload, scope).toString('base64url')}`;
    },
    async decode(cursor, scope) {
      const [payload, signature, ...rest] = cursor.split('.');
      if (!payload || !signature || rest.length > 0) throw new InvalidCursorError();
      const { current, previous } = await keysNow();
      const given = Buffer.from(signature, 'base64url');
      const signedWith = (key: string | undefined) => {
        if (key === undefined) return false;
        const expected = sign(key, payload, scope);
        return given.length === expected.length && timingSafeEqual(given, expected);
      };
      if (!signedWith(current) && !signedWith(previous)) throw new InvalidCursorError();
      try {
        return pageKeySchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        throw new InvalidCursorError();
      }
    },
  };
};
