import { defineService } from '../shared/service-manifest.js';
import { UsersTable } from './adapters/users-table.js';
import { identityConfig, profilesConfig, signUpConfig } from './config.js';
import { usersRoutes } from './contracts/routes.js';
import { dashboardConfig } from './dashboard-config.js';

const tokens = { config: identityConfig, identity: 'client' } as const;

/** Sign-up, confirmation, sign-in and refresh on the user pool, a profile per user, and the dashboard. */
export const usersService = defineService({
  name: 'users',
  purpose: 'accounts on the user pool, a profile per user, and the dashboard',
  table: UsersTable,
  outbox: true,
  needsIdentity: true,
  functions: {
    // Deleting users: undoing a sign-up whose profile could not be stored.
    SignUp: {
      config: signUpConfig,
      table: 'readWrite',
      identity: 'deleteUsers',
      trigger: { route: usersRoutes.signUp },
    },
    ConfirmSignUp: { ...tokens, trigger: { route: usersRoutes.confirmSignUp } },
    LogIn: { ...tokens, trigger: { route: usersRoutes.logIn } },
    RefreshTokens: { ...tokens, trigger: { route: usersRoutes.refreshTokens } },
    GetProfile: { config: profilesConfig, table: 'read', trigger: { route: usersRoutes.getProfile } },
    UpdateProfile: {
      config: profilesConfig,
      table: 'readWrite',
      trigger: { route: usersRoutes.updateProfile },
    },
    GetDashboard: {
      config: dashboardConfig,
      table: 'read',
      calls: ['orders.ListRecentOrders', 'notifications.CountUnreadNotifications'],
      trigger: { route: usersRoutes.getDashboard },
    },
  },
});
