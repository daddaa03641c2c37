import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Builds the settings window (renderer/) into static files the Electron window loads over file://
// with CSP `default-src 'self'`: relative asset paths, nothing inlined, nothing remote.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  publicDir: false,
  // No @vitejs/plugin-react: Vite's own Oxc transform compiles TSX with React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // data: URLs would be blocked by the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome130',
  },
  server: { host: '127.0.0.1' },
});
