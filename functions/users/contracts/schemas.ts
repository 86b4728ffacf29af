import * as z from 'zod/mini';
import { text } from '../../shared/text.js';

const email = z.email().check(z.maxLength(254));
const password = z.string().check(z.minLength(8), z.maxLength(256));
const name = text(100, { min: 2 });

const code = z.string().check(z.trim(), z.minLength(1), z.maxLength(32));
/** A TOTP code as authenticator apps show it. */
const totpCode = z.string().check(z.regex(/^\d{6}$/, 'six digits'));
/** Cognito's MFA session: an opaque string of at most 2048 characters. */
const session = z.string().check(z.minLength(20), z.maxLength(2048));

export const signUpBody = z.strictObject({ email, password, name });
export const emailBody = z.strictObject({ email });
export const resetPasswordBody = z.strictObject({ email, code, newPassword: password });
export const answerMfaBody = z.strictObject({ email, session, code: totpCode });
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
  newPassword: password,
});
export const verifyTotpBody = z.strictObject({ code: totpCode });
export const userPath = z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(128)) });
/** The access token the gateway checked, for the identity provider's own calls (change password, MFA). */
export const bearerHeaders = z.object({
  authorization: z.string().check(z.regex(/^Bearer \S{1,8192}$/i, 'a bearer token')),
});

/** The token of a `bearerHeaders` header. */
export const accessTokenOf = (headers: z.infer<typeof bearerHeaders>): string =>
  headers.authorization.slice('Bearer '.length);
export const confirmSignUpBody = z.strictObject({ email, code });
export const logInBody = z.strictObject({
  email,
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});
export const refreshTokensBody = z.strictObject({
  refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)),
});
export const updateProfileBody = z.strictObject({ name });

export type SignUpInput = z.infer<typeof signUpBody>;

export const profileView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type ProfileView = z.infer<typeof profileView>;

export const tokensView = z.object({
  accessToken: z.string(),
  idToken: z.string(),
  /** Absent from a refresh's answer: the refresh token stays the same. */
  refreshToken: z.optional(z.string()),
  expiresIn: z.int(),
  tokenType: z.literal('Bearer'),
});
export type Tokens = Readonly<z.infer<typeof tokensView>>;

export const signUpView = z.object({ userId: z.string(), confirmationRequired: z.boolean() });

/** The answer to a sign-in of an account with TOTP on: send a current code with the session to POST /auth/mfa. */
export const mfaChallengeView = z.object({ challenge: z.literal('MFA_REQUIRED'), session: z.string() });
export type MfaChallenge = z.infer<typeof mfaChallengeView>;
export const logInView = z.union([tokensView, mfaChallengeView]);

export const totpSecretView = z.object({
  /** Base32, for typing into an authenticator app. */
  secret: z.string(),
  /** The same secret as an `otpauth://` URI, for a QR code. */
  otpauthUri: z.string(),
});
