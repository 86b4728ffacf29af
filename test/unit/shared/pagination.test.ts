import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../functions/shared/errors.js';
import { hmacCursors } from '../../../functions/shared/pagination.js';

const cursors = hmacCursors('a-test-secret-that-is-long-enough-to-use');
const key = { pk: 'PRODUCT#A1', sk: 'PRODUCT', listKey: 'A1' };

describe('hmacCursors', () => {
  it('round-trips a key within its scope', () => {
    expect(cursors.decode(cursors.encode(key, 'products'), 'products')).toEqual(key);
  });

  it('refuses a cursor used for another scope', () => {
    const cursor = cursors.encode(key, 'orders:user-1');
    expect(() => cursors.decode(cursor, 'orders:user-2')).toThrow(InvalidCursorError);
  });

  it('refuses a cursor whose position was edited', () => {
    const [, signature] = cursors.encode(key, 'products').split('.');
    const forged = Buffer.from(JSON.stringify({ ...key, listKey: 'Z9' })).toString('base64url');
    expect(() => cursors.decode(`${forged}.${signature}`, 'products')).toThrow(InvalidCursorError);
  });

  it('refuses a cursor signed with another secret', () => {
    const other = hmacCursors('another-secret-that-is-also-long-enough');
    expect(() => cursors.decode(other.encode(key, 'products'), 'products')).toThrow(InvalidCursorError);
  });

  it.each(['', 'abc', 'a.b.c', '..', 'eyJ9.', `${'x'.repeat(50)}.${'y'.repeat(43)}`])(
    'refuses the malformed cursor %j',
    (cursor) => {
      expect(() => cursors.decode(cursor, 'products')).toThrow(InvalidCursorError);
    },
  );

  it('needs a secret of at least 32 characters', () => {
    expect(() => hmacCursors('short')).toThrow();
  });
});
