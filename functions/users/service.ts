import { defineService } from '../shared/service-manifest.js';
import { UsersTable } from './adapters/users-table.js';
import {
  confirmSignUpConfig,
  deleteAccountConfig,
  identityConfig,
  profilesConfig,
  signUpConfig,
} from './config.js';
import { usersRoutes } from './contracts/routes.js';
import { dashboardConfig } from './dashboard-config.js';

/** The app client's calls only: Cognito authorizes them by the user's password, code or token. */
const client = { config: identityConfig, identity: { admin: [] } } as const;

/** Accounts on the user pool (confirmation first, passwords, TOTP, deletion), a profile per user, the dashboard. */
export const usersService = defineService({
  name: 'users',
  purpose: 'accounts on the user pool, a profile per confirmed user, and the dashboard',
  table: UsersTable,
  outbox: true,
  needsIdentity: true,
  functions: {
    // Deletes the identity of an email only while it is unconfirmed: the one place sign-up's replacement may delete.
    ReleaseUnconfirmedSignUp: {
      config: identityConfig,
      identity: { admin: ['AdminGetUser', 'AdminDeleteUser'] },
      trigger: { contract: true },
    },
    // Public: creates identities with the app client, and may delete none (it asks the contract above).
    SignUp: {
      config: signUpConfig,
      table: 'readWrite',
      identity: { admin: [] },
      calls: ['users.ReleaseUnconfirmedSignUp'],
      trigger: { route: usersRoutes.signUp },
    },
    // Reads the confirmed identity to make its profile.
    ConfirmSignUp: {
      config: confirmSignUpConfig,
      table: 'readWrite',
      identity: { admin: ['AdminGetUser'] },
      trigger: { route: usersRoutes.confirmSignUp },
    },
    ResendCode: { ...client, trigger: { route: usersRoutes.resendCode } },
    ForgotPassword: { ...client, trigger: { route: usersRoutes.forgotPassword } },
    // Signs the account out everywhere once its password is reset.
    ResetPassword: {
      config: identityConfig,
      identity: { admin: ['AdminUserGlobalSignOut'] },
      trigger: { route: usersRoutes.resetPassword },
    },
    LogIn: { ...client, trigger: { route: usersRoutes.logIn } },
    AnswerMfaChallenge: { ...client, trigger: { route: usersRoutes.answerMfaChallenge } },
    RefreshTokens: { ...client, trigger: { route: usersRoutes.refreshTokens } },
    LogOut: { ...client, trigger: { route: usersRoutes.logOut } },
    ChangePassword: { ...client, trigger: { route: usersRoutes.changePassword } },
    StartTotp: { ...client, trigger: { route: usersRoutes.startTotp } },
    VerifyTotp: { ...client, trigger: { route: usersRoutes.verifyTotp } },
    DisableMfa: { ...client, trigger: { route: usersRoutes.disableMfa } },
    GetProfile: { config: profilesConfig, table: 'read', trigger: { route: usersRoutes.getProfile } },
    GetUser: { config: profilesConfig, table: 'read', trigger: { route: usersRoutes.getUser } },
    UpdateProfile: {
      config: profilesConfig,
      table: 'readWrite',
      trigger: { route: usersRoutes.updateProfile },
    },
    // Deletes the caller's own identity (the id is the token's subject).
    DeleteAccount: {
      config: deleteAccountConfig,
      table: 'readWrite',
      identity: { admin: ['AdminDeleteUser'] },
      calls: ['orders.HasOpenOrders'],
      trigger: { route: usersRoutes.deleteAccount },
    },
    PurgeUnconfirmedSignUps: {
      config: identityConfig,
      identity: { admin: ['ListUsers', 'AdminDeleteUser'] },
      trigger: {
        schedule: {
          everyMinutes: 60,
          purpose: 'Removes identities whose email was never confirmed within a day, freeing the email',
        },
      },
    },
    GetDashboard: {
      config: dashboardConfig,
      table: 'read',
      calls: ['orders.ListRecentOrders', 'notifications.CountUnreadNotifications'],
      trigger: { route: usersRoutes.getDashboard },
    },
  },
});
