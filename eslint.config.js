// Lint is about boundaries first (VS Code's layering rule): code is sorted by the process it may
// run in, and an import that crosses a wall the wrong way fails CI. Errors, never warnings.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'bench/data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Take randomness as a dependency.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', 'zustand'], message: 'shared/ is pure: no I/O, no UI.' },
          { group: ['**/electron/**', '**/backend/**', '**/emulators/**', '**/renderer/**', '**/test/**'], message: 'shared/ imports nothing of ours outside shared/.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'better-sqlite3'], message: 'The renderer never touches Node, SQLite or Electron: go through the contract.' },
          { group: ['**/electron/**', '**/backend/**', '**/emulators/**', '**/test/**'], message: 'The renderer may import only renderer/ and shared/.' },
        ],
      }],
    },
  },
  {
    files: ['backend/**/*.ts', 'emulators/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only the shell (electron/) may import electron: keep the backend plain Node.' },
          { group: ['**/renderer/**'], message: 'The backend never imports the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'],
    rules: {
      'no-restricted-syntax': 'off',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Electron cannot run here: test the plain-Node services.' }] }],
    },
  },
);
