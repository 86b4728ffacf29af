import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CartTable } from '../../functions/cart/adapters/cart-table.js';
import { cartConfig } from '../../functions/cart/config.js';
import type { Environment } from '../../functions/shared/config.js';
import type { ShopHttpApi } from './http-api.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/**
 * The cart: one per customer, priced at read time through the catalog's
 * GetProducts contract, so price changes and deleted products always show.
 */
export class CartService extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { table: ITable; api: ShopHttpApi; catalogGetProducts: IFunction },
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
    grantTableAccess(props.table, CartTable, getCart, 'read');
    for (const writer of [setCartItem, removeCartItem])
      grantTableAccess(props.table, CartTable, writer, 'readWrite');
    // The function itself, not its versions: `grantInvoke` would add `<arn>:*`.
    for (const reader of [getCart, setCartItem, removeCartItem]) {
      reader.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [props.catalogGetProducts.functionArn],
        }),
      );
    }

    props.api.addRoute('GET /cart', getCart, 'customer');
    props.api.addRoute('PUT /cart/items/{sku}', setCartItem, 'customer');
    props.api.addRoute('DELETE /cart/items/{sku}', removeCartItem, 'customer');
  }
}
