import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { preProcessFile } from 'typescript';

// Dependencies point one way (docs/architecture.md, issue 15 item 4): `common/` is the foundation and
// imports no other folder of src/; `config/` may use `common/` and nothing else; feature folders may
// import each other, but never in a circle. Files directly in src/ (main.ts, worker.ts, app.module.ts,
// http-app.ts) wire everything together and are exempt. Specs count too: a spec in common/ that needs a
// feature belongs in that feature.

const SRC = __dirname;
const ROOT = resolve(SRC, '..');
const FOUNDATION: Record<string, readonly string[]> = { common: [], config: ['common'] };

/**
 * Imports that break the rules today and are being fixed elsewhere: each one names its issue. Remove the
 * line with the fix; the last test fails while an exception here is no longer needed.
 */
const KNOWN_EXCEPTIONS = new Set<string>([]);

interface Import {
  from: string; // path relative to src/, with '/'
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const srcPath = (path: string) => relative(SRC, path).split(sep).join('/');

/** The file a relative (or baseUrl `src/...`) specifier points to, or null for a package. */
function resolveImport(file: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('.')) base = resolve(dirname(file), specifier);
  else if (specifier.startsWith('src/')) base = resolve(ROOT, specifier);
  else return null;
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(candidate)) return candidate;
  return base;
}

/** Every import, re-export, dynamic import() and require() of every file in `dir` that lands in src/. */
function importsIntoSrc(dir: string): Import[] {
  return sourceFiles(dir).flatMap((file) =>
    preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map(({ fileName }) => resolveImport(file, fileName))
      .filter((target): target is string => target !== null && !relative(SRC, target).startsWith('..'))
      .map((target) => ({ from: srcPath(file), to: srcPath(target) })),
  );
}

/** The top folder of a path in src/, or null for the files that wire the application together. */
const folderOf = (path: string): string | null => (path.includes('/') ? path.slice(0, path.indexOf('/')) : null);

const describeImport = ({ from, to }: Import) => `${from} -> ${to}`;

/** The strongly connected folders (Tarjan): every group of two or more folders that import each other in a circle. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('architecture: dependencies point one way', () => {
  const imports = importsIntoSrc(SRC);
  const foundationBreaches = imports.filter(({ from, to }) => {
    const [source, target] = [folderOf(from), folderOf(to)];
    if (!source || !(source in FOUNDATION) || target === source) return false;
    return target === null || !FOUNDATION[source].includes(target);
  });

  it('reads the imports of the tree (the checks below can fail)', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports).toContainEqual({ from: 'config/env-parsers.ts', to: 'common/time/cron.ts' });
  });

  it('has common/ import nothing else of src/, and config/ only common/', () => {
    expect(foundationBreaches.map(describeImport).filter((line) => !KNOWN_EXCEPTIONS.has(line))).toEqual([]);
  });

  it('has no circle of feature folders importing each other', () => {
    const edges = new Map<string, Set<string>>();
    const examples = new Map<string, string>();
    for (const entry of imports) {
      const [source, target] = [folderOf(entry.from), folderOf(entry.to)];
      if (!source || !target || source === target || KNOWN_EXCEPTIONS.has(describeImport(entry))) continue;
      edges.set(source, (edges.get(source) ?? new Set()).add(target));
      examples.set(`${source} -> ${target}`, describeImport(entry));
    }
    // Each circle with the imports that close it, so the message says where to cut.
    const found = cycles(edges).map((group) =>
      [...examples].filter(([edge]) => edge.split(' -> ').every((folder) => group.includes(folder))).map(([, example]) => example),
    );
    expect(found).toEqual([]);
  });

  it('keeps test support out of src/: no file there is used by tests alone', () => {
    // Paths from test/ and bench/ start with '../'.
    const isTest = (path: string) => path.endsWith('.spec.ts') || path.startsWith('../');
    // Programs run by npm scripts: nothing in src/ imports them (their test does).
    const entrypoints = new Set(['cli/main.ts']);
    const importers = new Map<string, string[]>();
    const fromTests = ['test', 'bench'].flatMap((dir) => importsIntoSrc(join(ROOT, dir)));
    for (const { from, to } of [...imports, ...fromTests]) importers.set(to, [...(importers.get(to) ?? []), from]);
    const testOnly = [...importers]
      .filter(([file, users]) => !isTest(file) && !entrypoints.has(file) && users.every(isTest))
      .map(([file]) => file);
    expect(testOnly).toEqual([]); // move them to test/support/
  });

  it('keeps no exception that is no longer needed', () => {
    const needed = new Set(foundationBreaches.map(describeImport));
    expect([...KNOWN_EXCEPTIONS].filter((line) => !needed.has(line))).toEqual([]);
  });
});
