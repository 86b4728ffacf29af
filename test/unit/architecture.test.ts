import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The code habits of ARCHITECTURE.md, checked on every import of every source file.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

interface Import {
  readonly from: string;
  /** The project path it resolves to, or the bare package name. */
  readonly target: string;
  readonly bare: boolean;
  readonly text: string;
}

const importsOf = (file: string): Import[] => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => {
    const bare = !fileName.startsWith('.');
    return {
      from: file,
      bare,
      text,
      target: bare
        ? fileName
        : relative(ROOT, resolve(ROOT, dirname(file), fileName)).replace(/\.js$/, '.ts'),
    };
  });
};

const isSdk = (node: ts.Node | undefined) =>
  node !== undefined && ts.isStringLiteral(node) && node.text.startsWith('@aws-sdk/');

/**
 * The statements of `text` that load an `@aws-sdk/*` package as an ES module
 * when it runs: value imports and re-exports (a statement naming types only
 * inside its braces still loads the package, under verbatimModuleSyntax), and
 * `import()` calls. An ES module's import of a CommonJS package has Node scan
 * the package first; functions load the SDK by `require` (functions/shared/dynamodb-sdk.ts).
 */
const sdkValueImportsIn = (text: string): string[] => {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isSdk(node.moduleSpecifier) && !node.importClause?.isTypeOnly)
      found.push(node.getText());
    else if (ts.isExportDeclaration(node) && isSdk(node.moduleSpecifier) && !node.isTypeOnly)
      found.push(node.getText());
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      isSdk(node.arguments[0])
    )
      found.push(node.getText());
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true));
  return found;
};

const sdkValueImportsOf = (file: string) =>
  sdkValueImportsIn(readFileSync(join(ROOT, file), 'utf8')).map((statement) => `${file}: ${statement}`);

const functionsFiles = sourceFiles('functions');
const allImports = [...functionsFiles, ...sourceFiles('infra'), ...sourceFiles('state-machines')].flatMap(
  importsOf,
);
const serviceOf = (path: string) => /^functions\/([^/]+)\//.exec(path)?.[1];
const describeImport = ({ from, target }: Import) => `${from} -> ${target}`;

describe('architecture', () => {
  it('keeps domain/ plain TypeScript: no packages, no other layers, no environment', () => {
    const domainFiles = functionsFiles.filter((file) => file.includes('/domain/'));
    expect(domainFiles.length).toBeGreaterThan(0);
    const offending = allImports
      .filter(({ from }) => from.includes('/domain/'))
      .filter(
        ({ bare, target }) =>
          bare || /\/(adapters|handlers|use-cases)\//.test(target) || target.endsWith('dependencies.ts'),
      )
      .map(describeImport);
    const readingEnv = domainFiles.filter((file) =>
      readFileSync(join(ROOT, file), 'utf8').includes('process.env'),
    );
    expect([...offending, ...readingEnv]).toEqual([]);
  });

  it('lets services meet only through contracts/', () => {
    const offending = allImports
      .filter(({ from, target, bare }) => {
        const source = serviceOf(from);
        const destination = serviceOf(target);
        if (bare || !source || !destination || source === destination || destination === 'shared')
          return false;
        return !target.startsWith(`functions/${destination}/contracts/`);
      })
      .map(describeImport);
    expect(offending).toEqual([]);
  });

  it('keeps functions/shared free of any service', () => {
    const offending = allImports
      .filter(
        ({ from, target }) =>
          from.startsWith('functions/shared/') && serviceOf(target) && serviceOf(target) !== 'shared',
      )
      .map(describeImport);
    expect(offending).toEqual([]);
  });

  it("builds the state machines from the services' contracts only, never from infra/ or packages", () => {
    const offending = allImports
      .filter(({ from }) => from.startsWith('state-machines/'))
      .filter(({ target, bare }) => bare || !/^functions\/[^/]+\/contracts\//.test(target))
      .map(describeImport);
    expect(offending).toEqual([]);
  });

  it('never lets functions/ import infra/', () => {
    const offending = allImports
      .filter(({ from, target }) => from.startsWith('functions/') && target.startsWith('infra/'))
      .map(describeImport);
    expect(offending).toEqual([]);
  });

  it('keeps the AWS SDK out of handlers, use cases and domain (adapters and contracts own it)', () => {
    const offending = allImports
      .filter(({ from }) => /\/(handlers|use-cases|domain)\//.test(from))
      .filter(({ target }) => target.startsWith('@aws-sdk/'))
      .map(describeImport);
    expect(offending).toEqual([]);
  });

  it('imports zod in functions only as the zod/mini namespace, which keeps classic zod and its locales out of the bundles', () => {
    const offending = functionsFiles
      .flatMap(importsOf)
      .filter(({ target }) => target === 'zod' || target.startsWith('zod/'))
      .filter(
        ({ target, text }) =>
          target !== 'zod/mini' || /import\s+(type\s+)?\{[^}]*\}\s+from\s+'zod/.test(text),
      )
      .map(({ from, target }) => `${from} → ${target}`);
    expect([...new Set(offending)]).toEqual([]);
  });

  it('loads the AWS SDK in functions by require: from @aws-sdk/* a file imports types only', () => {
    const offending = functionsFiles.flatMap((file) => sdkValueImportsOf(file));
    expect(offending).toEqual([]);
  });

  it('tells a value import of the SDK from a type import', () => {
    const found = sdkValueImportsIn(
      [
        "import type { A } from '@aws-sdk/client-dynamodb';",
        "export type { B } from '@aws-sdk/lib-dynamodb';",
        "type C = typeof import('@aws-sdk/client-sfn');",
        "import { GetCommand } from '@aws-sdk/lib-dynamodb';",
        "import { type D } from '@aws-sdk/lib-dynamodb';",
        "export { E } from '@aws-sdk/client-dynamodb';",
        "import '@aws-sdk/client-lambda';",
        "const f = await import('@aws-sdk/client-sesv2');",
      ].join('\n'),
    );
    expect(found).toEqual([
      "import { GetCommand } from '@aws-sdk/lib-dynamodb';",
      "import { type D } from '@aws-sdk/lib-dynamodb';",
      "export { E } from '@aws-sdk/client-dynamodb';",
      "import '@aws-sdk/client-lambda';",
      "import('@aws-sdk/client-sesv2')",
    ]);
  });

  it('names every handler file <kebab-case>.handler.ts', () => {
    const offending = functionsFiles
      .filter((file) => file.includes('/handlers/'))
      .filter((file) => !/\/handlers\/[a-z0-9]+(-[a-z0-9]+)*\.handler\.ts$/.test(file));
    expect(offending).toEqual([]);
  });
});
