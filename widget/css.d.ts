/** esbuild bundles `.css` imports as text (see widget/build.ts); the widget adopts them as a stylesheet. */
declare module '*.css' {
  const css: string;
  export default css;
}
