import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const serviceModules = ['bullmq', 'kysely', 'pg', 'ioredis', 'node:fs', 'node:fs/promises']

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
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../*', '!../domain/*'], message: 'domain/ imports only domain/' }],
          paths: serviceModules,
        },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: serviceModules,
          patterns: [
            {
              group: ['../db/*', '../queue/*', '../jobs/*', '../cli/*'].flatMap((p) => [
                p,
                `../${p}`,
              ]),
              message: 'adapters are pure',
            },
          ],
        },
      ],
    },
  },
)
