import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// widget.js, the "Report a problem" button for ATS pages (README "Widget"): one IIFE file with a
// fixed name, built next to the app (after it: the app's build empties the folder) and served by
// `snag serve` at /widget.js with Cache-Control: no-cache, so pages always get the current one.
export default defineConfig({
  plugins: [
    svelte({
      include: ['src/widget/**/*.svelte'],
      // A custom element: markup and styles in its own shadow root, away from the ATS page's CSS.
      compilerOptions: { customElement: true },
    }),
  ],
  publicDir: false,
  build: {
    outDir: process.env.SNAG_WEB_DIST ?? 'dist',
    emptyOutDir: false,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    lib: {
      entry: 'src/widget/main.ts',
      name: 'SnagWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
