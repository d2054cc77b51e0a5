import { parsePolicy, POLICY_PATH } from '../policy/policy-file.ts';
import { parseSafety, readBuiltInSafety } from './concepts/load.ts';
import type { DataFileIssue } from './concepts/yaml-file.ts';

/**
 * Every problem in the built-in safety files and in a knowledge folder's policy.yaml (whose `safety` section
 * extends and vetoes them), with path and line: what `npm run knowledge -- check` reports.
 */
export function checkSafety(policyText: string | undefined): DataFileIssue[] {
  const builtIn = parseSafety(readBuiltInSafety()).issues;
  if (builtIn.length > 0) return builtIn;
  return parsePolicy(policyText).issues.map((i) => ({ ...i, path: i.path || POLICY_PATH }));
}
