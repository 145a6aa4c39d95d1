// Builds the review console into the server's classpath (served at /ui by omnigraph-server).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const out = process.env.CONSOLE_OUT_DIR
  ?? fileURLToPath(new URL('../../../target/classes/io/omnigraph/server/console-bundle', import.meta.url));

export default defineConfig({
  base: '/ui/',
  build: {
    outDir: out,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/graphs': 'http://127.0.0.1:8080', '/admin': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
