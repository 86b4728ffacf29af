import { serveContract } from '../../shared/invoke/contract.js';
import { GetProducts } from '../contracts/get-products.js';
import { catalogDependencies } from '../dependencies.js';
import { getProducts } from '../use-cases/get-products.js';

export const getProductsHandler = (deps = catalogDependencies) =>
  serveContract(GetProducts, ({ skus }) => getProducts(deps(), skus));

export const handler = getProductsHandler();
