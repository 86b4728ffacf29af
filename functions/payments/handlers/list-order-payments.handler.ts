import { httpRoute } from '../../shared/http/http-route.js';
import { paymentsRoutes } from '../contracts/routes.js';
import { paymentLedger } from '../dependencies.js';
import { listOrderPayments } from '../use-cases/list-order-payments.js';

export const listOrderPaymentsHandler = (ledger = paymentLedger) =>
  httpRoute(paymentsRoutes.listOrderPayments, ({ path }) => listOrderPayments(ledger(), path.orderId));

export const handler = listOrderPaymentsHandler();
