import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'src/lib/paraglide/',
      'test-results/',
      'playwright-report/',
      'dist/',
      '.package/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-undef': 'off'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    // The domain is pure logic over plain data: no UI framework, no CRDT, no IO.
    files: ['src/lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['svelte', 'svelte/*', '$app/*'],
              message: 'domain must not depend on Svelte.'
            },
            {
              group: ['yjs', 'y-*', 'dexie'],
              message: 'domain must not depend on sync or storage.'
            },
            { group: ['node:*'], message: 'domain runs in browsers too: no Node modules.' }
          ]
        }
      ]
    }
  },
  {
    // The hub runs on Node's own TypeScript support: relative imports need their extension.
    files: ['src/hub/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.{1,2}/.*(?<!\\.ts|\\.js|\\.json)$', message: 'add the .ts extension.' }
          ]
        }
      ]
    }
  }
);
