import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * node_modules for an older checkout: a link to each of this checkout's packages (no second install, and the
 * native builds stay the ones that work here), plus the packages the older commit still used and this one
 * has dropped, installed from the registry at the older commit's version with their own dependencies (install
 * scripts off: a package that needs a native build fails to start, and the bench says so).
 */
export function baselineModules(root: string, tree: string): string[] {
  const ours = join(root, 'node_modules');
  const theirs = join(tree, 'node_modules');
  mkdirSync(theirs);
  for (const entry of readdirSync(ours)) symlinkSync(join(ours, entry), join(theirs, entry));
  const pkg = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const missing = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    ([name]) => !existsSync(join(theirs, name)),
  );
  if (missing.length === 0) return [];
  // Installed on their own (with their dependencies) beside the tree, then linked in where ours has no such package.
  const extra = join(tree, '.baseline-packages');
  mkdirSync(extra);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      extra,
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      ...missing.map(([name, range]) => `${name}@${range}`),
    ],
    { stdio: 'ignore' },
  );
  const installed = join(extra, 'node_modules');
  for (const entry of readdirSync(installed)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? readdirSync(join(installed, entry)).map((n) => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      if (existsSync(join(theirs, name))) continue;
      const scope = name.startsWith('@') ? name.split('/')[0]! : undefined;
      if (scope && lstatSync(join(theirs, scope), { throwIfNoEntry: false })?.isSymbolicLink()) {
        // A scope folder is linked whole: unlink it into a folder of links, or the package lands in ours.
        rmSync(join(theirs, scope));
        mkdirSync(join(theirs, scope));
        for (const e of readdirSync(join(ours, scope)))
          symlinkSync(join(ours, scope, e), join(theirs, scope, e));
      }
      if (scope) mkdirSync(join(theirs, scope), { recursive: true });
      symlinkSync(join(installed, name), join(theirs, name));
    }
  }
  return missing.map(([name]) => name);
}
