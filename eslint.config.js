import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The layer matrix (which folder may import which) is dependency-cruiser's: .dependency-cruiser.cjs.

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'bin', 'eslint.config.js', '.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      curly: ['error', 'multi-line'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Migrations are frozen in time: they see the database as `Kysely<any>`, not today's schema.
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
