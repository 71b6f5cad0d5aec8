import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The API the dev server and `vite preview` forward /api to (a `snag serve` you started).
const api = process.env.SNAG_API ?? 'http://127.0.0.1:8099';

// The policy `snag serve` sends with the UI. `vite preview` sends it too so that a violation
// shows up while developing, not first in production. (The dev server cannot: HMR injects
// <style> elements.)
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'self'; frame-ancestors 'none'";

const proxy = { '/api': { target: api, changeOrigin: false } };

export default defineConfig({
  plugins: [svelte()],
  build: {
    // SNAG_WEB_DIST lets two checkouts' test runs build side by side; `snag serve` reads web/dist.
    outDir: process.env.SNAG_WEB_DIST ?? 'dist',
    emptyOutDir: true,
    // Nothing inlined as data: URIs: font-src does not allow them, and a file is cacheable.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { proxy },
  preview: { proxy, headers: { 'Content-Security-Policy': CSP } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'jsdom',
  },
});
