// Step 2 of docs/adding-a-service.md: the use case, a function of (deps, input); its port says what it needs.
import type { DomainEvent } from '../../../functions/shared/events/define-event.js';
import { ReviewPosted } from './contracts.js';

export interface Review {
  readonly sku: string;
  readonly userId: string;
  readonly rating: number;
  readonly comment: string;
  readonly postedAt: string;
}

/** The review and its event are written at once: the outbox relay publishes the event. */
export interface ReviewStore {
  post(review: Review, events: readonly DomainEvent[]): Promise<void>;
}

export interface ReviewDependencies {
  readonly reviews: ReviewStore;
  readonly clock: () => Date;
}

export const postReview = async (
  { reviews, clock }: ReviewDependencies,
  userId: string,
  sku: string,
  input: { rating: number; comment: string },
): Promise<Review> => {
  const now = clock();
  const review = { sku, userId, ...input, postedAt: now.toISOString() };
  await reviews.post(review, [ReviewPosted.create({ sku, userId, rating: input.rating }, now)]);
  return review;
};
