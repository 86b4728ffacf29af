import type { MfaChallenge, Tokens } from '../contracts/schemas.js';
import type { UsersDependencies } from './ports.js';

type Identity = Pick<UsersDependencies, 'identity'>;

export const logIn = async (
  { identity }: Identity,
  email: string,
  password: string,
): Promise<Tokens | MfaChallenge> => {
  const result = await identity.logIn(email, password);
  return 'tokens' in result ? result.tokens : { challenge: result.challenge, session: result.session };
};

export const answerMfaChallenge = ({ identity }: Identity, email: string, session: string, code: string) =>
  identity.answerMfaChallenge(email, session, code);

export const refreshTokens = ({ identity }: Identity, refreshToken: string) => identity.refresh(refreshToken);

export const logOut = ({ identity }: Identity, refreshToken: string) => identity.revoke(refreshToken);

/** Resend and forgot say nothing about whether the account exists: the provider is silent too. */
export const resendCode = ({ identity }: Identity, email: string) => identity.resendCode(email);

export const forgotPassword = ({ identity }: Identity, email: string) => identity.forgotPassword(email);

export const resetPassword = ({ identity }: Identity, email: string, code: string, newPassword: string) =>
  identity.resetPassword(email, code, newPassword);

export const changePassword = (
  { identity }: Identity,
  accessToken: string,
  currentPassword: string,
  newPassword: string,
) => identity.changePassword(accessToken, currentPassword, newPassword);
