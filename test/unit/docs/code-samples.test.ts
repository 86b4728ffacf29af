import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postReviewHandler } from '../../../docs/examples/reviews/post-review.handler.js';
import { customerClaims, httpEvent, lambdaContext, parseResponse } from '../../support/api-gateway.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

const filesUnder = (dir: string, suffix: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });

/** Lines without the indentation they share and without trailing spaces. */
const dedent = (lines: readonly string[]): string => {
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.search(/\S/)));
  return lines.map((line) => line.slice(indent).trimEnd()).join('\n');
};

/** The TypeScript samples of a Markdown file, dedented (a sample may sit in a list item). */
const samplesOf = (markdown: string): string[] =>
  [...markdown.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, , body = '']) =>
    dedent(body.replace(/\n+$/, '').split('\n')),
  );

/** Code that `npm run typecheck` compiles: the examples and the sources. */
const compiled = [...filesUnder('docs/examples', '.ts'), ...filesUnder('functions', '.ts')].map((file) =>
  readFileSync(join(ROOT, file), 'utf8'),
);

const documents = ['README.md', ...filesUnder('docs', '.md')];

describe('the code samples of the docs', () => {
  it.each(documents)('are compiled code, word for word: %s', (document) => {
    for (const sample of samplesOf(readFileSync(join(ROOT, document), 'utf8'))) {
      const height = sample.split('\n').length;
      const found = compiled.some((code) =>
        code.split('\n').some((_, index, lines) => dedent(lines.slice(index, index + height)) === sample),
      );
      expect(found, `${relative(ROOT, join(ROOT, document))}:\n${sample}`).toBe(true);
    }
  });

  it("run: the guide's example route answers 201 with the review", async () => {
    const answer = parseResponse(
      await postReviewHandler()(
        httpEvent('POST /products/{sku}/reviews', {
          path: '/products/LAMP-1/reviews',
          pathParameters: { sku: 'LAMP-1' },
          claims: customerClaims(),
          body: { rating: 5, comment: 'Bright.' },
        }),
        lambdaContext(),
      ),
    );
    expect(answer).toMatchObject({ status: 201, body: { sku: 'LAMP-1', rating: 5, comment: 'Bright.' } });
  });
});
