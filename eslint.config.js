// One lint configuration for the whole repository: src, examples, test, bench, bin and playground.
// Type-checked typescript-eslint (strict + stylistic); formatting is Prettier's job (eslint-config-prettier last).
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      'coverage/**',
      '.readme-*/**',
      // Scripts test/playground/copy-code.test.ts writes and lints on purpose (ignore: false), then deletes.
      '.copy-code-*/**',
      // AssemblyScript sources: i32/f64/load<T> are not TypeScript types; asc compiles and checks them.
      'src/**/*.as.ts',
      // A separate project's files, linted by nobody: test/package/consumer.test.ts copies them into a temporary consumer.
      'test/package/consumer/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      // Each file is checked with the nearest tsconfig.json (root, or e.g. playground/tsconfig.json).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // noUncheckedIndexedAccess types every typed-array read as `number | undefined`; in bounds-checked hot
      // loops `a[i]!` is the honest idiom (a runtime check per element would cost speed and say nothing).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers in messages are the point of our errors ("lr must be > 0, got -1"); other types still need String().
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false },
      ],
      // `() => void` shorthand in callbacks (expect(() => f()).toThrow(), on('x', () => n++)) is clear as written.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Indexed loops over typed arrays are the kernels' style: the index is needed alongside (a[i], b[i]) and
      // hot loops stay plain counted loops.
      '@typescript-eslint/prefer-for-of': 'off',
      // `String(x)` in an error message is deliberate: x is whatever an untyped caller passed (a Symbol would make a
      // template literal throw), even where the declared type says string.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // A `type` alias of an object shape is assignable to Record<string, …> (Hyperparameters, metadata); an interface
      // is not, so rewriting every alias as an interface (this rule's fix) breaks the type check. Both stay.
      '@typescript-eslint/consistent-type-definitions': 'off',
      // `log: () => {}` is how a caller says "discard"; an empty arrow is clear as written.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions'] }],
      // `const { dropped: _, ...rest } = o` is the idiom for leaving a key out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript (bin/gradlab.js, this file) is outside every tsconfig: lint it without type information.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
