/** widget.css is bundled as a string (esbuild "text" loader after CSS minification, see src/web/build.ts). */
declare module '*.css' {
  const css: string;
  export default css;
}
