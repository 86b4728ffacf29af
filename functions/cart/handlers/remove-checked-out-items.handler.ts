import { OrderPlaced } from '../../orders/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { cartInbox, cartStoreDependencies } from '../dependencies.js';
import { removeCheckedOutItems } from '../use-cases/cart.js';

export const removeCheckedOutItemsHandler = (deps = cartStoreDependencies, inbox = cartInbox) =>
  eventConsumer(
    [OrderPlaced],
    async (event) => {
      const order = event.detail.data;
      if (order.fromCart) await removeCheckedOutItems(deps(), order);
    },
    { name: 'RemoveCheckedOutItems', inbox },
  );

export const handler = removeCheckedOutItemsHandler();
