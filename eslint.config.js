import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', 'test-results/', 'tmp/', 'resources/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ runs unchanged in Node, Chromium and Electron: no host-specific imports or globals.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare names via `paths`: as patterns they would also match our own shared/crypto/ folder.
          paths: ['fs', 'path', 'os', 'crypto', 'zlib', 'child_process', 'http', 'https', 'net', 'url', 'buffer', 'util', 'stream'].map((name) => ({
            name,
            message: 'shared/ must not use Node-only modules.',
          })),
          patterns: [
            { group: ['node:*'], message: 'shared/ must not use Node-only modules.' },
            { group: ['electron', 'electron/*'], message: 'shared/ must not use Electron.' },
            { group: ['react', 'react-dom', 'dexie', '../renderer/*', '../../renderer/*', '../electron/*', '../../electron/*', '../work-system/*', '../../work-system/*'], message: 'shared/ depends on nothing above it.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'indexedDB', 'navigator'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'fs', 'path'], message: 'The renderer reaches the outside only through the host API.' }] }],
    },
  },
  {
    // host-core/ is shared by Electron main and the browser host server: Node only, no Electron.
    files: ['host-core/**/*.ts', 'host-server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', 'electron-*', '../electron/*', '../../electron/*'], message: 'host-core/ and host-server/ must run without Electron.' }] }],
    },
  },
  {
    // The sandboxed preload gets only contextBridge/ipcRenderer; anything else would not load.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'zod', 'fs', 'path', '../main/*', '../../host-core/*'], message: 'The sandboxed preload is one small bundle: electron and type-only imports.' }] }],
    },
  },
);
