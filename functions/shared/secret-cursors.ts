import * as z from 'zod/mini';
import { defineConfig } from './config.js';
import { type CursorCodec, hmacCursors } from './pagination.js';
import { readSecretVersions } from './secrets.js';

/** The secret that signs list cursors: its ARN only; the key itself is read when a cursor is made or checked. */
export const cursorKeyVariables = { CURSOR_SECRET_ARN: z.string().check(z.minLength(1)) };

const cursorKeyConfig = defineConfig(cursorKeyVariables);

/**
 * Cursors signed with the shop's cursor key, read from Secrets Manager at run
 * time and cached; a cursor signed with the key before the last rotation is
 * still accepted (docs/operations.md, "Rotating the cursor key").
 */
export const secretCursors = (): CursorCodec =>
  hmacCursors(() => readSecretVersions(cursorKeyConfig.load().CURSOR_SECRET_ARN));
