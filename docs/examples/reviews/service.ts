// Step 4 of docs/adding-a-service.md: one entry in the service's manifest.

import { catalogConfig } from '../../../functions/catalog/config.js';
import { catalogService } from '../../../functions/catalog/service.js';
import { defineService } from '../../../functions/shared/service-manifest.js';
import { reviewRoutes } from './contracts.js';

export const catalogWithReviews = defineService({
  ...catalogService,
  functions: {
    ...catalogService.functions,
    PostReview: { config: catalogConfig, table: 'readWrite', trigger: { route: reviewRoutes.postReview } },
  },
});
