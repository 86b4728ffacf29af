import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Environment } from '../../functions/shared/config.js';
import { UsersTable } from '../../functions/users/adapters/users-table.js';
import { usersConfig } from '../../functions/users/config.js';
import { usersRoutes } from '../../functions/users/contracts/routes.js';
import { dashboardConfig } from '../../functions/users/dashboard-config.js';
import { grantContractInvoke } from './contract-access.js';
import type { RouteTarget } from './http-api.js';
import type { ShopIdentity } from './identity.js';
import { OutboxRelay } from './outbox-relay.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/**
 * Users: sign-up, confirmation, sign-in and refresh on the user pool (its
 * public API needs no IAM grant), and a profile per user.
 */
export class UsersService extends Construct {
  readonly outbox: OutboxRelay;

  constructor(
    scope: Construct,
    id: string,
    props: {
      table: ITable;
      bus: IEventBus;
      api?: RouteTarget;
      identity: ShopIdentity;
      /** The read contracts the dashboard aggregates. */
      ordersListRecent: IFunction;
      notificationsCountUnread: IFunction;
    },
  ) {
    super(scope, id);
    const environment: Environment<typeof usersConfig> = {
      USERS_TABLE_NAME: props.table.tableName,
      USER_POOL_ID: props.identity.userPool.userPoolId,
      USER_POOL_CLIENT_ID: props.identity.client.userPoolClientId,
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, { service: 'users', config: usersConfig, environment });

    const signUp = fn('SignUp');
    const confirmSignUp = fn('ConfirmSignUp');
    const logIn = fn('LogIn');
    const refreshTokens = fn('RefreshTokens');
    const getProfile = fn('GetProfile');
    const updateProfile = fn('UpdateProfile');
    grantTableAccess(props.table, UsersTable, signUp, 'readWrite');
    grantTableAccess(props.table, UsersTable, getProfile, 'read');
    grantTableAccess(props.table, UsersTable, updateProfile, 'readWrite');
    // Undoing a sign-up whose profile could not be stored.
    props.identity.userPool.grant(signUp, 'cognito-idp:AdminDeleteUser');

    props.api?.addRoute(usersRoutes.signUp, signUp);
    props.api?.addRoute(usersRoutes.confirmSignUp, confirmSignUp);
    props.api?.addRoute(usersRoutes.logIn, logIn);
    props.api?.addRoute(usersRoutes.refreshTokens, refreshTokens);
    props.api?.addRoute(usersRoutes.getProfile, getProfile);
    props.api?.addRoute(usersRoutes.updateProfile, updateProfile);

    const dashboardEnvironment: Environment<typeof dashboardConfig> = {
      USERS_TABLE_NAME: props.table.tableName,
      ORDERS_LIST_RECENT_FUNCTION: props.ordersListRecent.functionName,
      NOTIFICATIONS_COUNT_UNREAD_FUNCTION: props.notificationsCountUnread.functionName,
    };
    const getDashboard = new ServiceFunction(this, 'GetDashboard', {
      service: 'users',
      config: dashboardConfig,
      environment: dashboardEnvironment,
    });
    grantTableAccess(props.table, UsersTable, getDashboard, 'read');
    grantContractInvoke(props.ordersListRecent, getDashboard);
    grantContractInvoke(props.notificationsCountUnread, getDashboard);
    props.api?.addRoute(usersRoutes.getDashboard, getDashboard);
    this.outbox = new OutboxRelay(this, 'Outbox', { service: 'users', table: props.table, bus: props.bus });
  }
}
