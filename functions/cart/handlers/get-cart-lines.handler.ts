import { serveContract } from '../../shared/invoke/contract.js';
import { GetCartLines } from '../contracts/get-cart-lines.js';
import { cartStoreDependencies } from '../dependencies.js';
import { cartLines } from '../use-cases/cart.js';

export const getCartLinesHandler = (deps = cartStoreDependencies) =>
  serveContract(GetCartLines, async ({ userId }) => ({ lines: await cartLines(deps(), userId) }));

export const handler = getCartLinesHandler();
