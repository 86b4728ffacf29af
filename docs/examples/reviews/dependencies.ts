// The example's adapters: in memory, so that the example runs without a table.
import type { DomainEvent } from '../../../functions/shared/events/define-event.js';
import type { Review, ReviewDependencies } from './use-case.js';

const posted: { review: Review; events: readonly DomainEvent[] }[] = [];

export const reviewDependencies = (): ReviewDependencies => ({
  reviews: { post: async (review, events) => void posted.push({ review, events }) },
  clock: () => new Date(),
});
