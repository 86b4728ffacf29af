import { httpRoute } from '../../shared/http/http-route.js';
import { ordersRoutes } from '../contracts/routes.js';
import { orderStepDependencies } from '../dependencies.js';
import { changeAddress } from '../use-cases/change-address.js';

export const changeOrderAddressHandler = (deps = orderStepDependencies) =>
  httpRoute(ordersRoutes.changeOrderAddress, ({ caller, path, body }) =>
    changeAddress(deps(), caller.userId, path.orderId, body.shippingAddress),
  );

export const handler = changeOrderAddressHandler();
