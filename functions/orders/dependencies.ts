import { cartReader } from '../cart/contracts/get-cart-lines.js';
import { catalogReader } from '../catalog/contracts/get-products.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { hmacCursors } from '../shared/pagination.js';
import { dynamoOrderStore } from './adapters/dynamodb-order-store.js';
import { stepFunctionsClient, stepFunctionsWorkflows } from './adapters/step-functions-workflows.js';
import { ordersApiConfig, ordersConfig } from './config.js';
import type { OrdersDependencies } from './use-cases/ports.js';

export type OrderStepDependencies = Pick<OrdersDependencies, 'orders' | 'clock'>;

let steps: OrderStepDependencies | undefined;
let api: OrdersDependencies | undefined;

/** What the saga's order steps and the history consumer need: the table and a clock. */
export const orderStepDependencies = (): OrderStepDependencies => {
  steps ??= {
    orders: dynamoOrderStore(dynamoDocumentClient(), ordersConfig.load().ORDERS_TABLE_NAME),
    clock: () => new Date(),
  };
  return steps;
};

/** The routes' and the saga starter's adapters, built on first use and kept for the container's life. */
export const ordersDependencies = (): OrdersDependencies => {
  if (!api) {
    const config = ordersApiConfig.load();
    const lambda = lambdaInvoker();
    api = {
      ...orderStepDependencies(),
      catalog: catalogReader(lambda, config.CATALOG_GET_PRODUCTS_FUNCTION),
      cart: cartReader(lambda, config.CART_GET_CART_LINES_FUNCTION),
      workflows: stepFunctionsWorkflows(stepFunctionsClient(), {
        orderSaga: config.ORDER_SAGA_ARN,
        orderCancellation: config.ORDER_CANCELLATION_ARN,
      }),
      cursors: hmacCursors(config.CURSOR_SECRET),
    };
  }
  return api;
};

let inbox: Inbox | undefined;

/** The event ids orders's consumers have handled, in its own table. */
export const ordersInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), ordersConfig.load().ORDERS_TABLE_NAME);
  return inbox;
};
