import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'test-results/',
      'coverage/',
      // Deliberately wrong imports, linted only by tests/lint/zones.test.ts.
      'client/**/__lint_fixture__/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Use named exports, not export *.' },
      ],
    },
  },
  {
    // A promise nobody awaits loses its error: every one is awaited, handled or marked `void`.
    files: ['server/**/*.ts', 'client/**/*.{ts,tsx}', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts', 'client/**/__lint_fixture__/**'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    // shared/ is plain TypeScript used by both sides: no client, server, Node, DOM or React.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/client/**', '**/server/**', '@/client/*', '@/server/*'],
              message: 'shared/ never imports client/ or server/.',
            },
            {
              group: [
                'node:*',
                'react',
                'react-dom',
                'konva',
                'react-konva',
                'ws',
                'better-sqlite3',
              ],
              message: 'shared/ uses no Node, DOM or React APIs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**'], message: 'server/ never imports client/.' }] },
      ],
    },
  },
  {
    // React hooks: called unconditionally, and every effect lists what it reads.
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'client/ never imports server/.' }] },
      ],
    },
  },
  {
    // Every HTTP call from the browser goes through client/api/http.ts (one error shape).
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/api/http.ts', 'client/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the API through apiRequest (client/api/http.ts).' },
      ],
    },
  },
  {
    // client/sync/ is the board's data layer: no React (client/README.md).
    files: ['client/sync/**/*.ts'],
    ignores: ['client/sync/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'client/ never imports server/.' },
            {
              group: ['react', 'react-dom', 'react-dom/*', 'react-*', 'konva'],
              message: 'client/sync/ uses no React: components read it through kit/useStore.',
            },
          ],
        },
      ],
    },
  },
  {
    // The client's layers (client/README.md): foundation (api, sync, session, i18n) ← kit ←
    // features ← routes (pages) ← main.tsx. Feature folders never import each other: what two
    // features share goes to client/kit/, and a page combines features through slots.
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: clientZones() },
      ],
    },
  },
);

/** The import-x/no-restricted-paths zones of client/ (tested by tests/lint/zones.test.ts). */
function clientZones() {
  const features = [
    'canvas',
    'outline',
    'facilitation',
    'proposals',
    'outcomes',
    'console',
    'entrance',
  ];
  const at = (folder) => `./client/${folder}`;
  const pages = ['./client/routes', './client/main.tsx'];
  return [
    ...features.map((feature) => ({
      target: at(feature),
      from: [...features.filter((f) => f !== feature).map(at), ...pages],
      message:
        `client/${feature}/ is a feature: features never import each other or the pages. Move what ` +
        'they share to client/kit/, or let the page pass it in (client/kit/slots.tsx).',
    })),
    {
      target: at('kit'),
      from: [...features.map(at), ...pages],
      message: 'client/kit/ is what every feature imports: it never imports a feature or a page.',
    },
    {
      target: ['api', 'sync', 'session', 'i18n'].map(at),
      from: [...features.map(at), at('kit'), ...pages],
      message:
        'client/ foundation (api, sync, session, i18n) never imports the kit, features or pages.',
    },
  ];
}
