import type { UsersDependencies } from './ports.js';

export const confirmSignUp = (
  { identity }: Pick<UsersDependencies, 'identity'>,
  email: string,
  code: string,
) => identity.confirmSignUp(email, code);

export const logIn = ({ identity }: Pick<UsersDependencies, 'identity'>, email: string, password: string) =>
  identity.logIn(email, password);

export const refreshTokens = ({ identity }: Pick<UsersDependencies, 'identity'>, refreshToken: string) =>
  identity.refresh(refreshToken);
