import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const shippingConfig = defineConfig({ SHIPPING_TABLE_NAME: z.string().min(1) });
