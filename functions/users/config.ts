import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';

const store = { USERS_TABLE_NAME: z.string().check(z.minLength(1)) };
const identity = {
  USER_POOL_ID: z.string().check(z.minLength(1)),
  USER_POOL_CLIENT_ID: z.string().check(z.minLength(1)),
};

/** Each function's environment is what it uses (functions/users/service.ts). */
export const profilesConfig = defineConfig(store);
export const identityConfig = defineConfig(identity);
export const confirmSignUpConfig = defineConfig({ ...store, ...identity });
export const signUpConfig = defineConfig({
  ...store,
  ...identity,
  /** The ReleaseUnconfirmedSignUp contract, which frees an email an unconfirmed sign-up holds. */
  USERS_RELEASE_UNCONFIRMED_SIGN_UP_FUNCTION: z.string().check(z.minLength(1)),
});
export const deleteAccountConfig = defineConfig({
  ...store,
  ...identity,
  /** Orders' HasOpenOrders read contract. */
  ORDERS_HAS_OPEN_ORDERS_FUNCTION: z.string().check(z.minLength(1)),
});
