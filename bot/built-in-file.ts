import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A built-in data file as the build parsed and checked it (bot/built-ins.ts, types/svar-build.d.ts), so the
 * built server does not parse YAML and validate big JSON at every start; undefined under tsx, in tests, or
 * when the file is missing, and the caller parses the source file.
 */
export function readBuiltInFile(name: string): Buffer | undefined {
  if (typeof SVAR_BUILT_INS !== 'string') return undefined;
  try {
    return readFileSync(join(import.meta.dirname, SVAR_BUILT_INS, name));
  } catch {
    return undefined;
  }
}
