import { join } from 'node:path'
import { includeIgnoreFile } from '@eslint/compat'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  // What git ignores (builds, scratch folders, caches) is not the project's code: lint skips it too.
  includeIgnoreFile(join(import.meta.dirname, '.gitignore'), 'Files git ignores'),
  { ignores: ['public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Plain-JS scripts run by Node before anything is compiled (the CLI launcher).
    files: ['src/cli/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use-*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Workers run the engine and pure helpers: never the store, the components or the charts.
    files: ['src/worker/**/*.ts', 'src/sharing/**/*.ts', 'src/run-view/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/store/**', '**/components/**', '**/charts/**', 'react', 'react-dom', 'zustand', 'zustand/*'], message: 'Worker code and what it shares with the page stay free of the UI.' }] },
      ],
    },
  },
  {
    // The engine runs anywhere (Node, worker, main thread): no host, no UI, no worker code.
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'], message: 'The engine is UI-free.' },
            { group: ['d3-selection', 'd3-zoom', 'd3-axis', 'd3-brush'], message: 'The engine does not draw.' },
            { group: ['**/worker/**', '**/store/**', '**/components/**', '**/charts/**', '**/run-view/**', '**/cli/**', 'node:*'], message: 'The engine imports only the engine.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'postMessage', 'localStorage', 'navigator', 'process'],
    },
  },
  {
    // Load sweeps are defined over the engine alone, so the page, its workers and the CLI's
    // threads all run the same code and get the same numbers.
    files: ['src/sweep/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3-selection', 'd3-zoom', 'd3-axis'], message: 'A sweep is defined without the UI.' },
            { group: ['**/worker/**', '**/store/**', '**/components/**', '**/charts/**', '**/run-view/**', '**/cli/**', 'node:*'], message: 'A sweep imports only the engine.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'postMessage', 'localStorage', 'navigator', 'process'],
    },
  },
)
