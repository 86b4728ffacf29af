import { serveContract } from '../../shared/invoke/contract.js';
import { ClaimShipment } from '../contracts/claim-shipment.js';
import { orderStepDependencies } from '../dependencies.js';
import { claimShipment } from '../use-cases/claim-shipment.js';

export const claimShipmentHandler = (deps = orderStepDependencies) =>
  serveContract(ClaimShipment, ({ orderId }) => claimShipment(deps(), orderId));

export const handler = claimShipmentHandler();
