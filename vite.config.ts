import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { alias } from './paths.config.ts';

export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [react()],
  resolve: { alias },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // One bundle on purpose: lazily loaded chunks could fail to load on a device that went offline.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/outcomes': 'http://127.0.0.1:8080',
      '/forums': 'http://127.0.0.1:8080',
      '/sync': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
