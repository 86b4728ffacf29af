/**
 * The README's tour, declared once: each step is the shell line the README
 * shows and what its answer must be. `npm run tour` runs the lines with bash
 * against the running shop and checks every answer; `npm run docs` writes
 * them into the README. The lines name the shop by `$SHOP`, read from the
 * endpoints `npm start` writes, so they work on any port.
 */

export interface TourStep {
  /** A comment line before the step: the start of a part of the tour. */
  readonly part?: string;
  /** The shell line(s), as the README shows them; with `sets` and `value`, the value assigned. */
  readonly shell: string;
  /** `NAME=<shell>`: a value computed by the shell itself, not a command's output. */
  readonly value?: true;
  /** `NAME=$(…)`: the step sets a variable from its output (the README shows the assignment). */
  readonly sets?: string;
  /** A comment after the line in the README. */
  readonly note?: string;
  /** Checks the output; throws with what was wrong. */
  readonly check?: (output: string) => void;
  /** The answer may take a moment (an event on its way): the step is tried again for a while. */
  readonly eventually?: boolean;
}

const json = (output: string): unknown => {
  try {
    return JSON.parse(output);
  } catch {
    throw new Error(`not JSON: ${output.slice(0, 200)}`);
  }
};

type Json = Record<string, unknown>;
const object = (output: string): Json => {
  const value = json(output);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not a JSON object: ${output.slice(0, 200)}`);
  return value as Json;
};
const items = (output: string): Json[] => {
  const list = object(output).items;
  if (!Array.isArray(list)) throw new Error(`no items: ${output.slice(0, 200)}`);
  return list as Json[];
};
const expect = (condition: boolean, what: string, output: string) => {
  if (!condition) throw new Error(`${what}; the answer was ${output.slice(0, 300)}`);
};
const skus = (output: string) => items(output).map((item) => item.sku);
const status = (expected: number) => (output: string) =>
  expect(object(output).status === expected, `expected a problem with status ${expected}`, output);
const nonEmpty = (output: string) => expect(output.trim().length > 0, 'expected some output', output);

const ADDRESS = `"shippingAddress":{"name":"Ada","line1":"12 Analytical Row","city":"London","postalCode":"N1","country":"GB"}`;
const NEW_ADDRESS = `{"shippingAddress":{"name":"Ada","line1":"1 Difference Lane","city":"London","postalCode":"N2","country":"GB"}}`;
const JSON_FIELD = (field: string) => `node -p 'JSON.parse(require("fs").readFileSync(0)).${field}'`;
const AS_ADMIN = '-H "authorization: Bearer $ADMIN"';
const AS_ADA = '-H "authorization: Bearer $TOKEN"';
const BODY = "-H 'content-type: application/json'";

export const TOUR: readonly TourStep[] = [
  {
    part: 'where the shop runs (npm start prints it too), and a new customer and product each time',
    shell: `node -p "require('./.local/endpoints.json').apiUrl"`,
    sets: 'SHOP',
    check: (output) => expect(/^http:\/\/\S+$/.test(output.trim()), 'expected a URL', output),
  },
  { shell: '"ada.$(date +%s)@example.com"', sets: 'EMAIL', value: true, check: nonEmpty },
  { shell: '"LAMP-$(date +%s)"', sets: 'SKU', value: true, check: nonEmpty },
  {
    shell: 'curl -s $SHOP/health',
    note: '{"status":"ok"}',
    check: (output) => expect(object(output).status === 'ok', 'expected ok', output),
  },
  {
    shell: 'curl -s $SHOP/categories',
    check: (output) => expect(items(output).length >= 4, 'expected the demo categories', output),
  },
  {
    shell: 'curl -s "$SHOP/products?category=books&limit=2"',
    note: 'newest first; follow nextCursor for the next page',
    check: (output) =>
      expect(
        items(output).length === 2 && typeof object(output).nextCursor === 'string',
        'expected a page of 2',
        output,
      ),
  },
  {
    shell: 'curl -s $SHOP/products/BOOK-DDIA',
    note: '… "inStock":true',
    check: (output) => expect(object(output).inStock === true, 'expected it in stock', output),
  },
  {
    shell: 'curl -s "$SHOP/products?q=data"',
    note: 'a word of a name ranks above one of a description',
    check: (output) => expect(skus(output)[0] === 'BOOK-DDIA', 'expected DDIA first', output),
  },
  {
    shell: 'curl -s "$SHOP/products?q=stainless%20st"',
    note: 'every word; the last one also as a prefix',
    check: (output) => expect(items(output).length > 0, 'expected a match', output),
  },
  {
    shell: 'curl -s "$SHOP/products?q=creme"',
    note: "accents and case do not matter: the chef's knife",
    check: (output) => expect(items(output).length > 0, 'expected a match', output),
  },
  {
    shell: 'curl -s "$SHOP/products?q=kitchen&sort=-price"',
    note: 'words of the category\'s name ("Home & Kitchen") too',
    eventually: true,
    check: (output) => expect(items(output).length > 0, 'expected matches', output),
  },
  {
    shell: 'curl -s "$SHOP/products?q=usb-c&maxPrice=4000&sort=price"',
    note: 'filters and sorts combine with a search',
    check: (output) =>
      expect(
        items(output).every((item) => ((item.price as Json | undefined)?.amount as number) <= 4000),
        'expected prices up to 4000',
        output,
      ),
  },
  {
    shell: 'curl -s $SHOP/categories/books',
    note: '{"id":"books","name":"Books","productCount":4}',
    check: (output) => expect(object(output).id === 'books', 'expected the books category', output),
  },
  {
    part: 'a customer: sign up (confirmed at once locally), sign in, fill a cart',
    shell: `curl -s -X POST $SHOP/auth/signup ${BODY} \\\n  -d '{"email":"'$EMAIL'","password":"correct horse","name":"Ada"}'`,
    check: (output) => expect(typeof object(output).userId === 'string', 'expected the new user', output),
  },
  {
    shell: `curl -s -X POST $SHOP/auth/login ${BODY} \\\n  -d '{"email":"'$EMAIL'","password":"correct horse"}' | ${JSON_FIELD('accessToken')}`,
    sets: 'TOKEN',
    check: nonEmpty,
  },
  {
    shell: `curl -s $SHOP/me ${AS_ADA}`,
    check: (output) => expect(object(output).name === 'Ada', 'expected the profile', output),
  },
  {
    shell: `curl -s -X PUT $SHOP/cart/items/BOOK-SICP ${AS_ADA} ${BODY} -d '{"quantity":2}'`,
    note: 'the cart, priced from the catalog',
    check: (output) => expect(items(output).length === 1, 'expected one line', output),
  },
  {
    part: 'the admin: products, stock, categories, warehouses',
    shell: 'npm run -s token -- --admin',
    sets: 'ADMIN',
    note: 'an access token of the seeded admin',
    check: nonEmpty,
  },
  {
    shell: `curl -s -X POST $SHOP/products ${AS_ADMIN} ${BODY} \\\n  -d '{"sku":"'$SKU'","name":"Desk Lamp","description":"Warm light","category":"home","price":{"amount":3900,"currency":"USD"}}'`,
    check: (output) => expect(object(output).name === 'Desk Lamp', 'expected the lamp', output),
  },
  {
    shell: `curl -s -X PUT $SHOP/inventory/$SKU ${AS_ADMIN} ${BODY} -d '{"available":12}'`,
    note: 'made now if ProductCreated has not reached inventory yet',
    check: (output) => expect(object(output).available === 12, 'expected 12 available', output),
  },
  {
    shell: `curl -s -X PUT $SHOP/categories/home ${AS_ADMIN} ${BODY} -d '{"name":"Home & Garden"}'`,
    check: (output) => expect(object(output).name === 'Home & Garden', 'expected the new name', output),
  },
  {
    shell: 'curl -s "$SHOP/products?q=garden"',
    note: 'a moment later: the lamp and the rest of the category',
    eventually: true,
    check: (output) => expect(items(output).length > 0, 'expected the renamed category', output),
  },
  {
    shell: `curl -s -X PUT $SHOP/categories/home ${AS_ADMIN} ${BODY} -d '{"name":"Home & Kitchen"}'`,
    note: 'and back, for the next tour',
    check: (output) => expect(object(output).name === 'Home & Kitchen', 'expected the name back', output),
  },
  {
    shell: `curl -s -X DELETE $SHOP/categories/home ${AS_ADMIN}`,
    note: '409 while products are in it',
    check: status(409),
  },
  {
    shell: `curl -s $SHOP/warehouses ${AS_ADMIN}`,
    note: 'main and the seeded east coast warehouse',
    check: (output) => expect(items(output).length >= 2, 'expected two warehouses', output),
  },
  {
    shell: `curl -s $SHOP/inventory/BOOK-DDIA ${AS_ADMIN}`,
    note: 'totals, and per warehouse',
    check: (output) => expect(Array.isArray(object(output).warehouses), 'expected warehouses', output),
  },
  {
    shell: `curl -s -X PUT $SHOP/inventory/$SKU/warehouses/east ${AS_ADMIN} ${BODY} -d '{"available":3}'`,
    note: '15 lamps in all: 12 in main, 3 in east',
    check: (output) => expect(object(output).available === 15, 'expected 15 in all', output),
  },
  {
    part: 'an order: 202 at once, then the saga reserves, charges and confirms it',
    shell: `curl -s -X POST $SHOP/orders ${AS_ADA} ${BODY} -H "idempotency-key: $(node -p 'crypto.randomUUID()')" \\\n  -d '{"items":[{"sku":"BOOK-DDIA","quantity":1}],"paymentToken":"tok_visa",${ADDRESS}}' | ${JSON_FIELD('orderId')}`,
    sets: 'ORDER',
    check: nonEmpty,
  },
  {
    shell: `curl -s $SHOP/orders/$ORDER ${AS_ADA}`,
    note: '"status":"PENDING", then "CONFIRMED" a few seconds later',
    eventually: true,
    check: (output) => expect(object(output).status === 'CONFIRMED', 'expected CONFIRMED', output),
  },
  {
    shell: `curl -s $SHOP/orders/$ORDER/history ${AS_ADA}`,
    note: 'OrderPlaced … OrderConfirmed',
    check: (output) => expect(output.includes('OrderConfirmed'), 'expected OrderConfirmed', output),
  },
  {
    shell: `curl -s -X PATCH $SHOP/orders/$ORDER ${AS_ADA} ${BODY} \\\n  -d '${NEW_ADDRESS}'`,
    note: 'a new address, until the order is claimed for shipping',
    check: (output) =>
      expect(
        ((object(output).shippingAddress as Json | undefined)?.line1 as string) === '1 Difference Lane',
        'expected the new address',
        output,
      ),
  },
  {
    part: "the admin's day: what is to ship, ship it, track it to the door",
    shell: `curl -s "$SHOP/admin/orders?status=CONFIRMED" ${AS_ADMIN}`,
    note: "every customer's, newest first",
    check: (output) => expect(items(output).length > 0, 'expected confirmed orders', output),
  },
  {
    shell: `curl -s -X POST $SHOP/orders/$ORDER/ship ${AS_ADMIN} ${BODY} -d '{"carrier":"DHL"}'`,
    note: 'a tracking number',
    check: (output) =>
      expect(typeof object(output).trackingNumber === 'string', 'expected a tracking number', output),
  },
  {
    shell: `curl -s -X POST $SHOP/orders/$ORDER/shipment/events ${AS_ADMIN} ${BODY} \\\n  -d '{"status":"IN_TRANSIT","location":"Leeds hub"}'`,
    check: (output) => expect(object(output).status === 'IN_TRANSIT', 'expected IN_TRANSIT', output),
  },
  {
    shell: `curl -s -X POST $SHOP/orders/$ORDER/shipment/events ${AS_ADMIN} ${BODY} -d '{"status":"DELIVERED"}'`,
    note: 'the order is DELIVERED; RETURNED would refund and restock',
    check: (output) => expect(object(output).status === 'DELIVERED', 'expected DELIVERED', output),
  },
  {
    shell: `curl -s $SHOP/orders/$ORDER/shipment ${AS_ADA}`,
    note: "the carrier's news, oldest first",
    check: (output) => expect(output.includes('Leeds hub'), 'expected the carrier news', output),
  },
  {
    shell: `curl -s -X POST $SHOP/orders/$ORDER/cancel ${AS_ADA}`,
    note: '409 once shipped; before shipping: refund and stock back',
    check: status(409),
  },
  {
    shell: `curl -s $SHOP/notifications ${AS_ADA}`,
    note: 'welcome, receipt, confirmed, shipped, delivered…',
    eventually: true,
    check: (output) => expect(items(output).length >= 3, 'expected the notifications', output),
  },
  {
    shell: `curl -s $SHOP/me/dashboard ${AS_ADA}`,
    note: 'profile, 5 newest orders, unread count',
    check: (output) =>
      expect(Array.isArray(object(output).recentOrders), 'expected the recent orders', output),
  },
  {
    part: 'operations, and a look inside the local cloud',
    shell: 'npm run -s reconcile',
    note: 'every order terminal, stock and money add up',
    eventually: true,
    check: (output) => expect(/invariant violations: 0\b/.test(output), 'expected no violations', output),
  },
  { shell: 'npm run -s sagas', note: 'orders whose saga needs a look' },
  { shell: 'npm run -s redrive', note: 'dead-letter queues; --queue <name> [--dry-run] redrives' },
  {
    shell: "curl -s -X POST $SHOP/products -d '{}'",
    note: '401 {"message":"Unauthorized"}: no function ran',
    check: (output) => expect(object(output).message === 'Unauthorized', 'expected Unauthorized', output),
  },
  { shell: `node -p "require('./.local/endpoints.json').awsEndpoint"`, sets: 'AWS', check: nonEmpty },
  {
    shell: 'curl -s $AWS/_local/events',
    note: 'every event published, through the outboxes',
    check: (output) => expect(output.includes('OrderConfirmed'), 'expected the events', output),
  },
  {
    shell: 'curl -s $AWS/_local/invocations',
    note: 'how often each function ran',
    check: (output) => expect(output.includes('PlaceOrder'), 'expected the invocation counts', output),
  },
  {
    shell: `npm run -s replay -- --from "$(node -p 'new Date(Date.now() - 60e3).toISOString()')"`,
    note: 'the last minute of events, again: every consumer is idempotent',
    check: nonEmpty,
  },
  {
    shell: 'npm run -s admin:grant -- $EMAIL',
    note: 'Ada is an admin from her next sign-in',
    check: nonEmpty,
  },
];

/** The tour as the README shows it: one shell block. */
export const tourScript = (): string => {
  const width = 64;
  const lines: string[] = [];
  for (const step of TOUR) {
    if (step.part) lines.push(...(lines.length > 0 ? [''] : []), `# ${step.part}`);
    const shell = shownLine(step);
    const shellLines = shell.split('\n');
    const last = shellLines.pop() ?? '';
    lines.push(...shellLines);
    lines.push(step.note ? `${last.padEnd(width - 1, ' ')} # ${step.note}` : last);
  }
  return ['```bash', ...lines, '```'].join('\n');
};

/** A step's line as the README shows it: the command, or the assignment it makes. */
export const shownLine = (step: TourStep): string =>
  step.sets ? `${step.sets}=${step.value ? step.shell : `$(${step.shell})`}` : step.shell;
