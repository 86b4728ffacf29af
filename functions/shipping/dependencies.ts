import { randomInt } from 'node:crypto';
import { shipmentClaims } from '../orders/contracts/claim-shipment.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { dynamoShipmentStore } from './adapters/dynamodb-shipment-store.js';
import { shipOrderConfig, shippingConfig } from './config.js';
import type { ShipOrderDependencies, ShippingDependencies } from './use-cases/ports.js';

let dependencies: ShippingDependencies | undefined;
let inbox: Inbox | undefined;

/** Shipping's real adapters, built on first use and kept for the container's life. */
export const shippingDependencies = (): ShippingDependencies => {
  dependencies ??= {
    shipments: dynamoShipmentStore(dynamoDocumentClient(), shippingConfig.load().SHIPPING_TABLE_NAME),
    clock: () => new Date(),
    digits: () => Array.from({ length: 22 }, () => randomInt(10)).join(''),
  };
  return dependencies;
};

let shipping: ShipOrderDependencies | undefined;

/** ShipOrder's adapters: shipping's own, and orders' ClaimShipment contract. */
export const shipOrderDependencies = (): ShipOrderDependencies => {
  if (!shipping) {
    const config = shipOrderConfig.load();
    shipping = {
      ...shippingDependencies(),
      claims: shipmentClaims(lambdaInvoker(), config.ORDERS_CLAIM_SHIPMENT_FUNCTION),
    };
  }
  return shipping;
};

/** The event ids shipping's consumers have handled, in its own table. */
export const shippingInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), shippingConfig.load().SHIPPING_TABLE_NAME);
  return inbox;
};
