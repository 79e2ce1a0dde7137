// Lint rules, including the process boundaries of docs/architecture.md: a crossing fails `npm test`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const pcscOnly = {
  name: 'pcsc-mini',
  message: 'Only main/card/pcsc-*.ts may import pcsc-mini (docs/architecture.md, The card stack).',
};
const sqliteOnly = {
  name: 'sqlite3',
  message: 'Only main/db/connection.ts may import sqlite3 (docs/architecture.md, Data).',
};
const electronMsg = {
  name: 'electron',
  message:
    'Electron belongs in main/index.ts, main/windows/ and preload/index.ts only; core code stays testable without it.',
};

/**
 * Text that starts like an SQL statement (leading whitespace and any letter case allowed):
 * SELECT <column, *, number or call>, INSERT INTO, UPDATE … SET, DELETE FROM, PRAGMA, CREATE
 * TABLE/INDEX/VIEW/TRIGGER, WITH … AS (. Prose such as "Select the reader" does not match.
 */
const SQL_START =
  /^\s*(?:select\s+(?:(?:distinct|all)\s+)?(?:\*|\d|[\w.]+\s*(?:\(|,|\bfrom\b|\bas\b|$)|$)|insert\s+(?:or\s+\w+\s+)?into\s|update\s+[\w."]+\s+set\s|delete\s+from\s|pragma\s+\w|create\s+(?:(?:temp|temporary|unique|virtual)\s+)?(?:table|index|view|trigger)\s|with\s+(?:recursive\s+)?\w+(?:\s*\([^)]*\))?\s+as\s*\()/i;

/** Only main/db holds SQL: a string or template literal elsewhere that starts like a statement. */
const sqlInDbOnly = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      sql: 'SQL belongs in main/db: add a repository function in main/db/repositories and call it.',
    },
  },
  create(context) {
    const check = (node, text) => {
      if (SQL_START.test(text)) context.report({ node, messageId: 'sql' });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      // An interpolation stands in as a name: `SELECT ${COLUMNS} FROM …` reads "SELECT x FROM …".
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('x'));
      },
    };
  },
};

const cardLowLayers = {
  group: [
    '**/card/apdu',
    '**/card/iso7816',
    '**/card/tlv',
    '**/card/status-words',
    '**/card/transport',
  ],
  message:
    'Workflows use the card through its applications (main/card/apps), main/card/pins and the card service, never in APDUs, TLVs or status words.',
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
  // SQL only in main/db (repositories, migrations, the connection).
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,vue}'],
    ignores: ['main/db/**'],
    plugins: { madoguchi: { rules: { 'sql-in-db-only': sqlInDbOnly } } },
    rules: { 'madoguchi/sql-in-db-only': 'error' },
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
  // The counter procedures call the card layer's applications and service, not its low layers.
  {
    files: ['main/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([pcscOnly, sqliteOnly, electronMsg], [cardLowLayers]),
    },
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
