import { cartReader } from '../cart/contracts/get-cart-lines.js';
import { catalogReader } from '../catalog/contracts/get-products.js';
import { inventoryCommits } from '../inventory/contracts/commit-inventory.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { once } from '../shared/once.js';
import { secretCursors } from '../shared/secret-cursors.js';
import { dynamoOrderStore } from './adapters/dynamodb-order-store.js';
import { stepFunctionsClient, stepFunctionsWorkflows } from './adapters/step-functions-workflows.js';
import { adapterConfigs, confirmOrderConfig, ordersConfig } from './config.js';
import type {
  ConfirmationDependencies,
  OrderStepDependencies,
  OrdersDependencies,
} from './use-cases/ports.js';

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

let confirmation: ConfirmationDependencies | undefined;

/** ConfirmOrder's: the saga steps' and inventory's CommitInventory contract. */
export const confirmationDependencies = (): ConfirmationDependencies => {
  confirmation ??= {
    ...orderStepDependencies(),
    stock: inventoryCommits(lambdaInvoker(), confirmOrderConfig.load().INVENTORY_COMMIT_INVENTORY_FUNCTION),
  };
  return confirmation;
};

/**
 * The routes' and the saga starter's adapters. Each is built on its first
 * use and kept for the container's life, so a function reads, and is given,
 * only the variables of the adapters it uses.
 */
export const ordersDependencies = (): OrdersDependencies => {
  if (!api) {
    const lambda = once(lambdaInvoker);
    const catalog = once(() =>
      catalogReader(lambda(), adapterConfigs.catalog.load().CATALOG_GET_PRODUCTS_FUNCTION),
    );
    const cart = once(() => cartReader(lambda(), adapterConfigs.cart.load().CART_GET_CART_LINES_FUNCTION));
    const workflows = once(() =>
      stepFunctionsWorkflows(stepFunctionsClient(), {
        get orderSaga() {
          return adapterConfigs.saga.load().ORDER_SAGA_ARN;
        },
        get orderCancellation() {
          return adapterConfigs.cancellation.load().ORDER_CANCELLATION_ARN;
        },
      }),
    );
    const cursors = once(secretCursors);
    api = {
      ...orderStepDependencies(),
      get catalog() {
        return catalog();
      },
      get cart() {
        return cart();
      },
      get workflows() {
        return workflows();
      },
      get cursors() {
        return cursors();
      },
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
