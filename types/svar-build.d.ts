/**
 * Set only in the built server (scripts/build-server.mjs, an esbuild `define`): the folder beside the bundle
 * that holds the built-in data files parsed and checked at build time. Not declared anywhere at run time, so
 * code reads it as `typeof SVAR_BUILT_INS === 'string'`; under tsx and in tests the data is parsed instead.
 */
declare const SVAR_BUILT_INS: string | undefined;
