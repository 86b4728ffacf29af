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

  it('names every handler file <kebab-case>.handler.ts', () => {
    const offending = functionsFiles
      .filter((file) => file.includes('/handlers/'))
      .filter((file) => !/\/handlers\/[a-z0-9]+(-[a-z0-9]+)*\.handler\.ts$/.test(file));
    expect(offending).toEqual([]);
  });
});
