import * as z from 'zod/mini';
import { defineConfig } from '../config.js';

export const relayConfig = defineConfig({ EVENT_BUS_NAME: z.string().check(z.minLength(1)) });
