import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { UserDeleted } from '../../users/contracts/events.js';
import { cartStoreDependencies } from '../dependencies.js';
import { forgetCart } from '../use-cases/cart.js';

export const forgetCartHandler = (deps = cartStoreDependencies) =>
  eventConsumer([UserDeleted], (event) => forgetCart(deps(), event.detail.data.userId), {
    name: 'ForgetCart',
    // Deleting what is already gone changes nothing: no inbox needed.
    inbox: IDEMPOTENT_USE_CASE,
  });

export const handler = forgetCartHandler();
