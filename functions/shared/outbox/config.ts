import * as z from 'zod';
import { defineConfig } from '../config.js';

export const relayConfig = defineConfig({ EVENT_BUS_NAME: z.string().min(1) });
