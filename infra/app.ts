import { App } from 'aws-cdk-lib';
import { buildShop } from './shop.js';

buildShop(new App());
