import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { logger } from '../../shared/observability.js';
import { CategoryRenamed } from '../contracts/events.js';
import { catalogDependencies } from '../dependencies.js';
import { reindexCategory } from '../use-cases/categories.js';

/** A renamed category's products are indexed again; a product already indexed with the name is left as it is. */
export const reindexCategoryHandler = (deps = catalogDependencies) =>
  eventConsumer(
    [CategoryRenamed],
    async (event) => {
      const { categoryId } = event.detail.data;
      const reindexed = await reindexCategory(deps(), categoryId);
      logger.info('Category indexed again', { categoryId, reindexed });
    },
    { name: 'ReindexCategory', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = reindexCategoryHandler();
