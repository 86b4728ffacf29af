import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../functions/shared/errors.js';
import { type CursorKeys, hmacCursors } from '../../../functions/shared/pagination.js';

const cursors = hmacCursors('a-test-secret-that-is-long-enough-to-use');
const key = { pk: 'PRODUCT#A1', sk: 'PRODUCT', listKey: 'A1' };

const OLD = 'the-key-before-the-rotation-0123456789';
const NEW = 'the-key-after-the-rotation-0123456789a';
const OLDER = 'a-key-two-rotations-ago-0123456789abcd';

/** Cursors over keys that a test rotates, as the secret's reader would see them. */
const rotating = (initial: CursorKeys) => {
  let keys = initial;
  return {
    codec: hmacCursors(async () => keys),
    rotate: (next: CursorKeys) => {
      keys = next;
    },
  };
};

describe('hmacCursors', () => {
  it('round-trips a key within its scope', async () => {
    expect(await cursors.decode(await cursors.encode(key, 'products'), 'products')).toEqual(key);
  });

  it('refuses a cursor used for another scope', async () => {
    const cursor = await cursors.encode(key, 'orders:user-1');
    await expect(cursors.decode(cursor, 'orders:user-2')).rejects.toThrow(InvalidCursorError);
  });

  it('refuses a cursor whose position was edited', async () => {
    const [, signature] = (await cursors.encode(key, 'products')).split('.');
    const forged = Buffer.from(JSON.stringify({ ...key, listKey: 'Z9' })).toString('base64url');
    await expect(cursors.decode(`${forged}.${signature}`, 'products')).rejects.toThrow(InvalidCursorError);
  });

  it('refuses a cursor signed with another secret', async () => {
    const other = hmacCursors('another-secret-that-is-also-long-enough');
    await expect(cursors.decode(await other.encode(key, 'products'), 'products')).rejects.toThrow(
      InvalidCursorError,
    );
  });

  it.each(['', 'abc', 'a.b.c', '..', 'eyJ9.', `${'x'.repeat(50)}.${'y'.repeat(43)}`])(
    'refuses the malformed cursor %j',
    async (cursor) => {
      await expect(cursors.decode(cursor, 'products')).rejects.toThrow(InvalidCursorError);
    },
  );

  it('needs a secret of at least 32 characters', async () => {
    expect(() => hmacCursors('short')).toThrow();
    await expect(hmacCursors(async () => ({ current: 'short' })).encode(key, 'products')).rejects.toThrow();
  });

  describe('across a rotation of the key', () => {
    it('accepts a cursor signed before the rotation while the old key is the previous one', async () => {
      const { codec, rotate } = rotating({ current: OLD });
      const before = await codec.encode(key, 'products');
      rotate({ current: NEW, previous: OLD });
      expect(await codec.decode(before, 'products')).toEqual(key);
    });

    it('signs new cursors with the new key only', async () => {
      const { codec, rotate } = rotating({ current: OLD });
      rotate({ current: NEW, previous: OLD });
      const after = await codec.encode(key, 'products');
      rotate({ current: NEW });
      expect(await codec.decode(after, 'products')).toEqual(key);
    });

    it('refuses a cursor of a key two rotations old', async () => {
      const { codec, rotate } = rotating({ current: OLDER });
      const stale = await codec.encode(key, 'products');
      rotate({ current: NEW, previous: OLD });
      await expect(codec.decode(stale, 'products')).rejects.toThrow(InvalidCursorError);
    });

    it('still binds a previous-key cursor to its scope', async () => {
      const { codec, rotate } = rotating({ current: OLD });
      const before = await codec.encode(key, 'orders:user-1');
      rotate({ current: NEW, previous: OLD });
      await expect(codec.decode(before, 'orders:user-2')).rejects.toThrow(InvalidCursorError);
    });
  });
});
