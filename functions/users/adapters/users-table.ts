/**
 * The users table's design, shared by the adapter and the CDK construct:
 *
 * | item    | pk                     | sk      |
 * |---------|------------------------|---------|
 * | profile | USER#<userId>          | PROFILE |
 * | email   | EMAIL#<lower-case>     | EMAIL   |  (one per address: its uniqueness)
 * | outbox  | OUTBOX#<eventId>       | OUTBOX  |
 */
export const UsersTable = { partitionKey: 'pk', sortKey: 'sk', indexes: {} } as const;
