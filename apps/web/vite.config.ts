import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

/**
 * Two single-page apps share one build: the admin app at `/` and the mobile app at `/h5/`.
 * Vite's own history fallback only knows the root page, so deep links under `/h5/`
 * (e.g. `/h5/places/…`) are pointed at the mobile entry here, in dev and preview alike.
 */
function h5HistoryFallback(): Plugin {
  const rewrite = (req: { url?: string; headers: { accept?: string } }) => {
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml && (path === '/h5' || (path.startsWith('/h5/') && !path.slice(4).includes('.')))) {
      req.url = '/h5/index.html';
    }
  };
  return {
    name: 'gridwork-h5-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        rewrite(req);
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        rewrite(req);
        next();
      });
    },
  };
}

/**
 * Split the big vendors into their own long-cacheable chunks. Only packages that belong
 * to one UI kit go into its chunk, so the mobile app never downloads Ant Design (desktop)
 * and the admin app never downloads antd-mobile; small shared helpers are left to Rollup.
 */
function manualChunks(id: string): string | undefined {
  const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  const pkg = m?.[1]?.replace('\\', '/');
  if (!pkg) return undefined;
  if (pkg === 'echarts' || pkg === 'zrender') return 'vendor-echarts';
  if (pkg === 'antd-mobile' || pkg === 'antd-mobile-icons' || pkg.startsWith('@react-spring/') || pkg === '@use-gesture/core' || pkg === '@use-gesture/react') return 'vendor-antd-mobile';
  // Ant Design and its rc-components import each other both ways: one chunk (~345 kB gzip).
  if (pkg === 'antd' || pkg.startsWith('@rc-component/') || pkg.startsWith('@ant-design/')) return 'vendor-antd';
  if (['react', 'react-dom', 'scheduler', 'react-router', 'react-router-dom', 'cookie', 'set-cookie-parser'].includes(pkg) || pkg.startsWith('@tanstack/')) return 'vendor-react';
  if (pkg === 'zod') return 'vendor-zod';
  // Small helpers that both UI kits use: kept apart so that neither kit's chunk absorbs them.
  if (SHARED_HELPERS.has(pkg)) return 'vendor-common';
  return undefined;
}

const SHARED_HELPERS = new Set([
  'dayjs',
  'classnames',
  'clsx',
  '@babel/runtime',
  'tslib',
  'react-is',
  'use-sync-external-store',
  'resize-observer-polyfill',
  'throttle-debounce',
  'compute-scroll-into-view',
  'scroll-into-view-if-needed',
  'copy-to-clipboard',
  'toggle-selection',
  'json2mq',
  'string-convert',
]);

/** Code both apps share (API client, i18n, contracts) goes into one named chunk. */
function chunkOf(id: string): string | undefined {
  const normalized = id.replace(/\\/g, '/');
  if (normalized.includes('/node_modules/')) return manualChunks(id);
  if (/\/packages\/contracts\/src\//.test(normalized) || /\/apps\/web\/src\/(api|i18n|shared)\//.test(normalized)) return 'app-shared';
  return undefined;
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [react(), h5HistoryFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: {
        admin: fileURLToPath(new URL('./index.html', import.meta.url)),
        h5: fileURLToPath(new URL('./h5/index.html', import.meta.url)),
      },
      output: { manualChunks: chunkOf },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/open311': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/open311': { target: apiTarget, changeOrigin: false },
    },
  },
});
