// Step 3 of docs/adding-a-service.md: the handler, a preset and one use case.
import { httpRoute } from '../../../functions/shared/http/http-route.js';
import { created } from '../../../functions/shared/http/responses.js';
import { reviewRoutes } from './contracts.js';
import { reviewDependencies } from './dependencies.js';
import { postReview } from './use-case.js';

export const postReviewHandler = (deps = reviewDependencies) =>
  httpRoute(reviewRoutes.postReview, async ({ caller, path, body }) => {
    const review = await postReview(deps(), caller.userId, path.sku, body);
    return created(review, `/products/${path.sku}/reviews`);
  });

export const handler = postReviewHandler();
