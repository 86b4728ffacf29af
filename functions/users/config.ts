import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const usersConfig = defineConfig({
  USERS_TABLE_NAME: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
});
