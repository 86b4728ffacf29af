import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-spec.js';

/** The routes of the API as a whole (API.md). */
export const platformRoutes = {
  getHealth: defineRoute({
    key: 'GET /health',
    summary: 'Liveness: API Gateway routed the request and a function answered',
    access: 'public',
    response: z.object({ status: z.literal('ok') }),
  }),
  getOpenApi: defineRoute({
    key: 'GET /openapi.json',
    summary: 'This document: the OpenAPI 3.1 description of every route',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
  }),
};
