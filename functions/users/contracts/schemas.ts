import * as z from 'zod';
import { text } from '../../shared/text.js';

const email = z.email().max(254);
const password = z.string().min(8).max(256);
const name = text(100, { min: 2 });

export const signUpBody = z.strictObject({ email, password, name });
export const confirmSignUpBody = z.strictObject({ email, code: z.string().trim().min(1).max(32) });
export const logInBody = z.strictObject({ email, password: z.string().min(1).max(256) });
export const refreshTokensBody = z.strictObject({ refreshToken: z.string().min(1).max(8192) });
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
  refreshToken: z.string().optional(),
  expiresIn: z.number().int(),
  tokenType: z.literal('Bearer'),
});
export type Tokens = Readonly<z.infer<typeof tokensView>>;

export const signUpView = z.object({ userId: z.string(), confirmationRequired: z.boolean() });
