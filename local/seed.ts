import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_GROUP } from '../functions/shared/http/caller.js';
import type { LocalCloud } from './cloud.js';

export const DEMO_CATEGORIES = [
  { id: 'books', name: 'Books' },
  { id: 'electronics', name: 'Electronics' },
  { id: 'home', name: 'Home & Kitchen' },
  { id: 'outdoors', name: 'Outdoors' },
];

const usd = (amount: number) => ({ amount, currency: 'USD' });

/** Enough products, and words in them, for search to be worth trying (README, "A short tour"). */
export const DEMO_PRODUCTS = [
  {
    sku: 'BOOK-DDIA',
    name: 'Designing Data-Intensive Applications',
    category: 'books',
    price: usd(4599),
    description:
      'Reliable, scalable and maintainable systems: replication, partitioning, transactions and streams.',
  },
  {
    sku: 'BOOK-SICP',
    name: 'Structure and Interpretation of Computer Programs',
    category: 'books',
    price: usd(5500),
    description: 'The wizard book: procedures, data abstraction and the metacircular evaluator, in Scheme.',
  },
  {
    sku: 'BOOK-REFACTOR',
    name: 'Refactoring',
    category: 'books',
    price: usd(4299),
    description: 'Improving the design of existing code, one small safe step at a time.',
  },
  {
    sku: 'BOOK-PRAGMATIC',
    name: 'The Pragmatic Programmer',
    category: 'books',
    price: usd(3999),
    description: 'From journeyman to master: care about your craft, and think about your work.',
  },
  {
    sku: 'ELEC-KEYBOARD',
    name: 'Mechanical Keyboard',
    category: 'electronics',
    price: usd(12900),
    description: 'Tactile switches, aluminium case, USB-C cable.',
  },
  {
    sku: 'ELEC-HEADPHONES',
    name: 'Noise-Cancelling Headphones',
    category: 'electronics',
    price: usd(24900),
    description: 'Thirty hours of quiet, wireless, with a travel case.',
  },
  {
    sku: 'ELEC-CHARGER',
    name: 'USB-C Charger 65W',
    category: 'electronics',
    price: usd(3999),
    description: 'Charges a laptop and a phone at once.',
  },
  {
    sku: 'ELEC-MOUSE',
    name: 'Wireless Mouse',
    category: 'electronics',
    price: usd(2999),
    description: 'Silent clicks, a battery that lasts a year, works on glass.',
  },
  {
    sku: 'HOME-KETTLE',
    name: 'Electric Kettle',
    category: 'home',
    price: usd(4999),
    description: 'Stainless steel, boils a litre in three minutes.',
  },
  {
    sku: 'HOME-PAN',
    name: 'Cast Iron Pan',
    category: 'home',
    price: usd(3499),
    description: 'Pre-seasoned, 26 cm, from the stove to the oven.',
  },
  {
    sku: 'HOME-KNIFE',
    name: "Chef's Knife",
    category: 'home',
    price: usd(8900),
    description: 'Forged stainless steel, 20 cm blade, for the crème de la crème of cooks.',
  },
  {
    sku: 'HOME-GRINDER',
    name: 'Burr Coffee Grinder',
    category: 'home',
    price: usd(6900),
    description: 'Steel burrs, forty grind settings, from espresso to French press.',
  },
  {
    sku: 'OUT-TENT',
    name: 'Two-Person Tent',
    category: 'outdoors',
    price: usd(18900),
    description: 'Three seasons, 2.1 kg, pitches in five minutes.',
  },
  {
    sku: 'OUT-BOTTLE',
    name: 'Insulated Bottle',
    category: 'outdoors',
    price: usd(2899),
    description: 'Stainless steel, cold for 24 hours, hot for 12.',
  },
  {
    sku: 'OUT-STOVE',
    name: 'Camping Stove',
    category: 'outdoors',
    price: usd(5900),
    description: 'Boils a litre of water in four minutes; folds into its own pot.',
  },
  {
    sku: 'OUT-HEADLAMP',
    name: 'Rechargeable Headlamp',
    category: 'outdoors',
    price: usd(3499),
    description: 'Four hundred lumens, USB-C charging, red light for the tent.',
  },
];

/** Units of each demo product in stock, in the main warehouse. */
export const DEMO_STOCK = 25;

/** A second warehouse, and the units of some demo products it holds besides main's. */
export const DEMO_WAREHOUSE = { id: 'east', name: 'East coast warehouse', country: 'US' };
export const DEMO_EAST_STOCK: Readonly<Record<string, number>> = {
  'BOOK-DDIA': 10,
  'BOOK-SICP': 5,
  'ELEC-KEYBOARD': 8,
  'OUT-TENT': 3,
};

const stockUp = async (apiUrl: string, token: string, path: string, available: number) => {
  const deadline = Date.now() + 20_000;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const response = await fetch(`${apiUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ available }),
    });
    if (response.ok) return;
    // A busy local cloud may answer 503 (with Retry-After) while a function starts.
    if (response.status !== 503 || Date.now() > deadline) {
      throw new Error(`Stocking ${path} answered ${response.status}: ${await response.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
};

export interface AdminAccount {
  readonly email: string;
  readonly password: string;
  readonly generated: boolean;
}

/** SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD, or a generated account. */
export const adminAccount = (env: NodeJS.ProcessEnv): AdminAccount => {
  if (env.SHOP_ADMIN_EMAIL && env.SHOP_ADMIN_PASSWORD) {
    return { email: env.SHOP_ADMIN_EMAIL, password: env.SHOP_ADMIN_PASSWORD, generated: false };
  }
  return {
    email: env.SHOP_ADMIN_EMAIL ?? 'admin@shop.local',
    password: randomBytes(12).toString('base64url'),
    generated: true,
  };
};

/** Signs in through the local identity, as a client of the user pool would. */
export const signIn = async (cloud: LocalCloud, email: string, password: string) => {
  const result = (await cloud.cognito.service.operations.InitiateAuth?.({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: cloud.userPool.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  })) as { AuthenticationResult: { AccessToken: string; IdToken: string; RefreshToken: string } };
  return result.AuthenticationResult;
};

/**
 * The admin account and a demo catalog, created through the shop's own API
 * as an admin would. A catalog that already has products (a persisted run) is left alone.
 */
export const seed = async (cloud: LocalCloud, admin: AdminAccount, stateDirectory: string) => {
  // The admin signs up as anyone would (so it has a profile), then joins the admin group.
  const signUp = await fetch(`${cloud.apiUrl}/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password, name: 'Shop Admin' }),
  });
  if (signUp.status !== 201 && signUp.status !== 409) {
    throw new Error(`Signing up the admin answered ${signUp.status}: ${await signUp.text()}`);
  }
  // Where sign-ups wait for their emailed code, the admin confirms with the one the local pool kept.
  if (
    signUp.status === 201 &&
    ((await signUp.json()) as { confirmationRequired: boolean }).confirmationRequired
  ) {
    const code = cloud.cognito.messages.filter((message) => message.email === admin.email).at(-1)?.code;
    const confirm = await fetch(`${cloud.apiUrl}/auth/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, code }),
    });
    if (confirm.status !== 204)
      throw new Error(`Confirming the admin answered ${confirm.status}: ${await confirm.text()}`);
  }
  await cloud.cognito.ensureUser(admin.email, admin.password, [ADMIN_GROUP]);
  writeFileSync(
    join(stateDirectory, 'admin.json'),
    JSON.stringify({ email: admin.email, password: admin.password }),
    { mode: 0o600 },
  );
  const { AccessToken } = await signIn(cloud, admin.email, admin.password);
  const listing = await fetch(`${cloud.apiUrl}/products?limit=1`);
  if (!listing.ok)
    throw new Error(`The catalog answered GET /products with ${listing.status}: ${await listing.text()}`);
  const existing = (await listing.json()) as { items: unknown[] };
  if (existing.items.length > 0) return { categories: 0, products: 0 };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${cloud.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AccessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201 && response.status !== 409) {
      throw new Error(`Seeding ${path} answered ${response.status}: ${await response.text()}`);
    }
  };
  for (const category of DEMO_CATEGORIES) await post('/categories', category);
  // One request at a time: each function then needs one sandbox, not one per parallel request.
  for (const product of DEMO_PRODUCTS) await post('/products', product);
  // The stock item is made by the first of the admin's PUT and inventory hearing ProductCreated.
  for (const product of DEMO_PRODUCTS)
    await stockUp(cloud.apiUrl, AccessToken, `/inventory/${product.sku}`, DEMO_STOCK);
  await post('/warehouses', DEMO_WAREHOUSE);
  for (const [sku, units] of Object.entries(DEMO_EAST_STOCK))
    await stockUp(cloud.apiUrl, AccessToken, `/inventory/${sku}/warehouses/${DEMO_WAREHOUSE.id}`, units);
  return { categories: DEMO_CATEGORIES.length, products: DEMO_PRODUCTS.length };
};
