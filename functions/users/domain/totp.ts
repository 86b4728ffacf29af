/** How authenticator apps are told about the shop: the issuer they show beside the account. */
export const TOTP_ISSUER = 'serverless-shop';

/**
 * The `otpauth://` URI an authenticator app reads from a QR code (the key URI
 * format Google Authenticator defined and the others follow): TOTP, SHA-1,
 * six digits, 30-second steps, which is what Cognito's codes are.
 */
export const otpauthUri = (account: string, secret: string, issuer = TOTP_ISSUER): string =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
