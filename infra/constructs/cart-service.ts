import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CartTable } from '../../functions/cart/adapters/cart-table.js';
import { cartConfig } from '../../functions/cart/config.js';
import { cartRoutes } from '../../functions/cart/contracts/routes.js';
import { OrderPlaced } from '../../functions/orders/contracts/events.js';
import type { Environment } from '../../functions/shared/config.js';
import { grantContractInvoke } from './contract-access.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/**
 * The cart: one per customer, priced at read time through the catalog's
 * GetProducts contract, so price changes and deleted products always show.
 */
export class CartService extends Construct {
  /** The GetCartLines read contract that checkout invokes. */
  readonly getCartLines: ServiceFunction<typeof cartConfig>;

  constructor(
    scope: Construct,
    id: string,
    props: { table: ITable; bus: IEventBus; api?: RouteTarget; catalogGetProducts: IFunction },
  ) {
    super(scope, id);
    const environment: Environment<typeof cartConfig> = {
      CART_TABLE_NAME: props.table.tableName,
      CATALOG_GET_PRODUCTS_FUNCTION: props.catalogGetProducts.functionName,
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, { service: 'cart', config: cartConfig, environment });
    const getCart = fn('GetCart');
    const setCartItem = fn('SetCartItem');
    const removeCartItem = fn('RemoveCartItem');
    this.getCartLines = fn('GetCartLines');
    const removeCheckedOutItems = fn('RemoveCheckedOutItems');
    for (const reader of [getCart, this.getCartLines])
      grantTableAccess(props.table, CartTable, reader, 'read');
    for (const writer of [setCartItem, removeCartItem, removeCheckedOutItems])
      grantTableAccess(props.table, CartTable, writer, 'readWrite');
    grantContractInvoke(props.catalogGetProducts, getCart, setCartItem, removeCartItem);

    props.api?.addRoute(cartRoutes.getCart, getCart);
    props.api?.addRoute(cartRoutes.setCartItem, setCartItem);
    props.api?.addRoute(cartRoutes.removeCartItem, removeCartItem);
    new EventSubscription(this, 'RemoveCheckedOutItemsOn', {
      bus: props.bus,
      events: [OrderPlaced],
      consumer: removeCheckedOutItems,
      // Only a checkout leaves lines to remove: an order placed directly costs the cart nothing.
      where: { fromCart: [true] },
    });
  }
}
