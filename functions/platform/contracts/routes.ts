import * as z from 'zod/mini';
import { defineRoute } from '../../shared/http/route-spec.js';

/** The routes of the API as a whole (API.md). */
export const platformRoutes = {
  getHealth: defineRoute({
    key: 'GET /health',
    summary:
      'Liveness: API Gateway routed the request and a function answered; the version deployed, the time, and who takes payments',
    access: 'public',
    response: z.object({
      status: z.literal('ok'),
      /** The shop's version (package.json) the stack was built from. */
      version: z.string(),
      time: z.iso.datetime(),
      /** `simulated` while the payment simulator is in use (no money moves), else the provider's name. */
      payments: z.string(),
    }),
  }),
  getOpenApi: defineRoute({
    key: 'GET /openapi.json',
    summary: 'This document: the OpenAPI 3.1 description of every route',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
  }),
};
