import * as z from 'zod';
import { orderView } from '../../orders/contracts/schemas.js';
import { defineRoute } from '../../shared/http/route-spec.js';
import {
  confirmSignUpBody,
  logInBody,
  profileView,
  refreshTokensBody,
  signUpBody,
  signUpView,
  tokensView,
  updateProfileBody,
} from './schemas.js';

/** The users service's HTTP routes (API.md). */
export const usersRoutes = {
  signUp: defineRoute({
    key: 'POST /auth/signup',
    summary: 'Create an account',
    access: 'public',
    body: signUpBody,
    successStatus: 201,
    response: signUpView,
    errors: [409],
    metric: 'UserSignedUp',
  }),
  confirmSignUp: defineRoute({
    key: 'POST /auth/confirm',
    summary: 'Confirm a sign-up with the emailed code',
    access: 'public',
    body: confirmSignUpBody,
    successStatus: 204,
  }),
  logIn: defineRoute({
    key: 'POST /auth/login',
    summary: 'Sign in: access, ID and refresh tokens',
    access: 'public',
    body: logInBody,
    response: tokensView,
    errors: [401],
    metric: 'UserLoggedIn',
  }),
  refreshTokens: defineRoute({
    key: 'POST /auth/refresh',
    summary: 'New access and ID tokens for a refresh token',
    access: 'public',
    body: refreshTokensBody,
    response: tokensView,
    errors: [401],
  }),
  getProfile: defineRoute({
    key: 'GET /me',
    summary: "The caller's profile",
    access: 'customer',
    response: profileView,
  }),
  updateProfile: defineRoute({
    key: 'PATCH /me',
    summary: "Change the caller's name",
    access: 'customer',
    body: updateProfileBody,
    response: profileView,
  }),
  getDashboard: defineRoute({
    key: 'GET /me/dashboard',
    summary:
      'Profile, newest orders and unread notifications in one call; a part that cannot be read is null',
    access: 'customer',
    response: z.object({
      user: profileView.nullable(),
      recentOrders: z.array(orderView).nullable(),
      unreadNotifications: z.number().int().nullable(),
      unavailable: z.array(z.enum(['user', 'recentOrders', 'unreadNotifications'])),
    }),
  }),
};
