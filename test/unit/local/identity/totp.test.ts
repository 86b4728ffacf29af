import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  newTotpSecret,
  totp,
  totpMatches,
} from '../../../../local/identity/totp.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890"; the last 6 digits of its 8-digit values.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('gives the RFC test vector at %i s', (seconds, code) => {
    expect(totp(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts the codes of the step before and after, not two steps away', () => {
    const at = new Date(1111111111_000);
    expect(totpMatches(RFC_SECRET, totp(RFC_SECRET, new Date(at.getTime() - 30_000)), at)).toBe(true);
    expect(totpMatches(RFC_SECRET, totp(RFC_SECRET, new Date(at.getTime() + 30_000)), at)).toBe(true);
    expect(totpMatches(RFC_SECRET, totp(RFC_SECRET, new Date(at.getTime() - 61_000)), at)).toBe(false);
    expect(totpMatches(RFC_SECRET, '12345', at)).toBe(false);
  });

  it('round-trips base32 as RFC 4648 spells it', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });
});
