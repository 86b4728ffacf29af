// Step 1 of docs/adding-a-service.md: the route and the event, in the service's contracts.
import * as z from 'zod';
import { skuPath, skuSchema } from '../../../functions/catalog/contracts/schemas.js';
import { defineEvent } from '../../../functions/shared/events/define-event.js';
import { defineRoute } from '../../../functions/shared/http/route-spec.js';
import { text } from '../../../functions/shared/text.js';

export const reviewView = z.object({
  sku: skuSchema,
  rating: z.number().int(),
  comment: z.string(),
  postedAt: z.string(),
});

export const reviewRoutes = {
  postReview: defineRoute({
    key: 'POST /products/{sku}/reviews',
    summary: 'Review a product',
    access: 'customer',
    path: skuPath,
    body: z.strictObject({ rating: z.number().int().min(1).max(5), comment: text(1000) }),
    successStatus: 201,
    response: reviewView,
  }),
};

export const ReviewPosted = defineEvent({
  source: 'shop.catalog',
  detailType: 'ReviewPosted',
  version: 1,
  data: z.object({ sku: skuSchema, userId: z.string(), rating: z.number().int() }),
});
