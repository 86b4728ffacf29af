import { itemKind } from '../../shared/item-kind.js';
/**
 * The shipping table's design, shared by the adapter and the CDK construct:
 *
 * | item      | pk                     | sk       |
 * |-----------|------------------------|----------|
 * | shipment  | SHIPMENT#<orderId>     | SHIPMENT |
 * | inbox     | INBOX#<consumer>#<id>  | INBOX    |
 * | outbox    | OUTBOX#<eventId>       | OUTBOX   |
 */
export const ShippingTable = { partitionKey: 'pk', sortKey: 'sk', indexes: {} } as const;

/** An order's shipment. */
export const ShipmentKind = itemKind('SHIPMENT#', 'SHIPMENT');
