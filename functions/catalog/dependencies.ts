import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { once } from '../shared/once.js';
import { secretCursors } from '../shared/secret-cursors.js';
import { dynamoCategoryStore, dynamoProductStore } from './adapters/dynamodb-catalog-store.js';
import { catalogConfig } from './config.js';
import type { CatalogDependencies } from './use-cases/ports.js';

let dependencies: CatalogDependencies | undefined;

/** The catalog's real adapters, built on first use and kept for the container's life; the cursor key on its first use. */
export const catalogDependencies = (): CatalogDependencies => {
  if (!dependencies) {
    const config = catalogConfig.load();
    const db = dynamoDocumentClient();
    const cursors = once(secretCursors);
    dependencies = {
      products: dynamoProductStore(db, config.CATALOG_TABLE_NAME),
      categories: dynamoCategoryStore(db, config.CATALOG_TABLE_NAME),
      // Only the product listing pages; the other functions are not given the key.
      get cursors() {
        return cursors();
      },
      clock: () => new Date(),
    };
  }
  return dependencies;
};

let inbox: Inbox | undefined;

/** The event ids catalog's consumers have handled, in its own table. */
export const catalogInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), catalogConfig.load().CATALOG_TABLE_NAME);
  return inbox;
};
