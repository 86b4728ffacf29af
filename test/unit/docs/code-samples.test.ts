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

/** The TypeScript samples of a Markdown file, each without the indentation it has in the list it sits in. */
const samplesOf = (markdown: string): string[] =>
  [...markdown.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent = '', body = '']) =>
    body
      .split('\n')
      .map((line) => line.slice(Math.min(indent.length, line.length - line.trimStart().length)).trimEnd())
      .join('\n')
      .trim(),
  );

/** Code that `npm run typecheck` compiles: the examples and the sources. */
const compiled = [...filesUnder('docs/examples', '.ts'), ...filesUnder('functions', '.ts')].map((file) =>
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n'),
);

const documents = ['README.md', ...filesUnder('docs', '.md')];

describe('the code samples of the docs', () => {
  it.each(documents)('are compiled code, word for word: %s', (document) => {
    for (const sample of samplesOf(readFileSync(join(ROOT, document), 'utf8'))) {
      const dedented = sample
        .split('\n')
        .map((line, _, lines) => {
          const indent = Math.min(
            ...lines.filter((candidate) => candidate.trim()).map((candidate) => candidate.search(/\S/)),
          );
          return line.slice(indent);
        })
        .join('\n');
      const found = compiled.some((code) =>
        code.split('\n').some((_, index, lines) => {
          const window = lines.slice(index, index + dedented.split('\n').length);
          const indent = Math.min(
            ...window.filter((candidate) => candidate.trim()).map((candidate) => candidate.search(/\S/)),
          );
          return window.map((line) => line.slice(indent)).join('\n') === dedented;
        }),
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
