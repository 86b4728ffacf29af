import { OrderPlaced } from '../../orders/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { cartDependencies } from '../dependencies.js';
import { removeCheckedOutItems } from '../use-cases/cart.js';

export const removeCheckedOutItemsHandler = (deps = cartDependencies) =>
  eventConsumer([OrderPlaced], async (event) => {
    const order = event.detail.data;
    if (order.fromCart) await removeCheckedOutItems(deps(), order);
  });

export const handler = removeCheckedOutItemsHandler();
