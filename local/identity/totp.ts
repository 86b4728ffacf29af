import { createHmac, randomBytes } from 'node:crypto';

/**
 * Time-based one-time passwords as authenticator apps compute them
 * (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps, 6 digits,
 * the secret shared as RFC 4648 base32 without padding.
 */
export const TOTP_STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const base32Encode = (bytes: Uint8Array): string => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
};

export const base32Decode = (text: string): Buffer => {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`Not a base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
};

/** A new shared secret: 160 bits, as RFC 4226 recommends, in base32 (32 characters). */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

/** RFC 4226's HOTP value of `counter`, as a zero-padded string of 6 digits. */
export const hotp = (secret: Buffer, counter: number): string => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
};

/** The code an authenticator app shows for `secret` (base32) at `at`. */
export const totp = (secret: string, at: Date = new Date()): string =>
  hotp(base32Decode(secret), Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS));

/**
 * Whether `code` is the code of `at`'s step or of the step before or after
 * (RFC 6238 §5.2 allows for one step of clock drift and transmission delay).
 */
export const totpMatches = (secret: string, code: string, at: Date = new Date()): boolean => {
  if (!/^\d{6}$/.test(code)) return false;
  const key = base32Decode(secret);
  const step = Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
  return [step - 1, step, step + 1].some((counter) => hotp(key, counter) === code);
};
