import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readShopContext } from './context.js';
import { ShopApiStack } from './stacks/shop-api-stack.js';
import { ShopDataStack } from './stacks/shop-data-stack.js';

/** The composition root: both stacks, wired, with cdk-nag's AwsSolutions checks on everything. */
export const buildShop = (app: App) => {
  const context = readShopContext(app.node);
  const data = new ShopDataStack(app, 'ShopData', context, {
    description: 'serverless-shop: tables, event bus and archive, user pool',
  });
  const api = new ShopApiStack(app, 'ShopApi', data, context, {
    description: 'serverless-shop: HTTP API, functions, relays',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { data, api };
};
