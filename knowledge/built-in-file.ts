import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';

/**
 * Built-in data the build parsed and checked once (types/svar-build.d.ts), so the built server does not parse
 * YAML at every start; undefined under tsx, in tests, or when the file is missing, and the caller parses.
 */
export function readBuiltIn<T>(name: string): T | undefined {
  if (typeof SVAR_BUILT_INS !== 'string') return undefined;
  try {
    return deserialize(readFileSync(join(import.meta.dirname, SVAR_BUILT_INS, name))) as T;
  } catch {
    return undefined;
  }
}
