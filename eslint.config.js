// Lint rules, including the process boundaries of ARCHITECTURE.md: a crossing fails `npm test`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const pcscOnly = {
  name: 'pcsc-mini',
  message: 'Only main/card/pcsc-*.ts may import pcsc-mini (ARCHITECTURE.md, Card layer).',
};
const sqliteOnly = {
  name: 'sqlite3',
  message: 'Only main/db/connection.ts may import sqlite3 (ARCHITECTURE.md, Data).',
};
const electronMsg = {
  name: 'electron',
  message:
    'Electron belongs in main/index.ts, main/windows/ and preload/index.ts only; core code stays testable without it.',
};

/** Builds a no-restricted-imports rule from the paths every file is denied plus extra ones. */
function restrict(paths, patterns = []) {
  return ['error', { paths, patterns }];
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'tests/e2e/__screens__/**',
      'bench/results/**',
      '.tmp/**',
      'bench/.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': restrict([pcscOnly, sqliteOnly, electronMsg]),
    },
  },
  // Electron shell files may import electron.
  {
    files: ['main/index.ts', 'main/windows/**/*.ts', 'preload/index.ts', 'preload/resident.ts'],
    rules: { 'no-restricted-imports': restrict([pcscOnly, sqliteOnly]) },
  },
  // The PC/SC transport is the one importer of pcsc-mini.
  {
    files: ['main/card/pcsc-*.ts'],
    rules: { 'no-restricted-imports': restrict([sqliteOnly, electronMsg]) },
  },
  // The database connection is the one importer of sqlite3.
  {
    files: ['main/db/connection.ts'],
    rules: { 'no-restricted-imports': restrict([pcscOnly, electronMsg]) },
  },
  // The renderer and the IPC contract run in the web sandbox: no electron, no node, no main.
  {
    files: ['renderer/**/*.{ts,vue}', 'preload/contract/**/*.ts', 'preload/api.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [
          pcscOnly,
          sqliteOnly,
          { name: 'electron', message: 'The renderer never imports electron.' },
          ...nodeModules.map((name) => ({ name, message: 'The renderer runs without Node.' })),
        ],
        [{ group: ['**/main/**', '**/main'], message: 'The renderer never imports main code.' }],
      ),
    },
  },
  {
    files: ['renderer/**/*.vue'],
    rules: {
      'vue/multi-word-component-names': 'off',
      'vue/no-v-html': 'error',
    },
  },
  // Components and composables reach main through the stores only: one place per domain that
  // calls window.counter, keeps what main answered and says what failed.
  {
    files: ['renderer/src/**/*.{ts,vue}'],
    ignores: ['renderer/src/stores/**', 'renderer/src/resident/resident-api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name=/^(window|globalThis|self)$/][property.name='counter']",
          message: 'Call main through a store (renderer/src/stores), not window.counter.',
        },
        {
          selector:
            "VariableDeclarator[init.name=/^(window|globalThis|self)$/] > ObjectPattern > Property[key.name='counter']",
          message: 'Call main through a store (renderer/src/stores), not window.counter.',
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { 'no-console': 'off', 'no-restricted-imports': restrict([sqliteOnly, electronMsg]) },
  },
  prettier,
);
