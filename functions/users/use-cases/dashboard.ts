import { logger } from '../../shared/observability.js';
import type { ProfileView } from '../contracts/schemas.js';
import type { UsersDependencies } from './ports.js';
import { getProfile } from './profile.js';

/** The other services' reads the dashboard makes (their read contracts). */
export interface DashboardSources {
  readonly recentOrders: (userId: string, limit: number) => Promise<readonly unknown[]>;
  readonly unreadNotifications: (userId: string) => Promise<number>;
}

export const DASHBOARD_ORDERS = 5;

export interface Dashboard {
  readonly user: ProfileView | null;
  readonly recentOrders: readonly unknown[] | null;
  readonly unreadNotifications: number | null;
  /** The parts that could not be read this time; they are null above. */
  readonly unavailable: readonly ('user' | 'recentOrders' | 'unreadNotifications')[];
}

/**
 * The profile, the newest orders and the unread count in one answer, read in
 * parallel. A part that fails is marked unavailable; the others still come.
 */
export const getDashboard = async (
  deps: Pick<UsersDependencies, 'profiles'> & DashboardSources,
  userId: string,
): Promise<Dashboard> => {
  const [user, recentOrders, unreadNotifications] = await Promise.allSettled([
    getProfile(deps, userId),
    deps.recentOrders(userId, DASHBOARD_ORDERS),
    deps.unreadNotifications(userId),
  ]);
  const unavailable: Dashboard['unavailable'][number][] = [];
  const part = <T>(name: Dashboard['unavailable'][number], result: PromiseSettledResult<T>): T | null => {
    if (result.status === 'fulfilled') return result.value;
    logger.warn('A dashboard part is unavailable', {
      part: name,
      error: result.reason instanceof Error ? result.reason.name : 'Unknown',
    });
    unavailable.push(name);
    return null;
  };
  return {
    user: part('user', user),
    recentOrders: part('recentOrders', recentOrders),
    unreadNotifications: part('unreadNotifications', unreadNotifications),
    unavailable,
  };
};
