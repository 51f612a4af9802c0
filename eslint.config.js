import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/*
 * Layers (docs/ARCHITECTURE.md, codemap): each folder of src/lib may import only the folders
 * listed for it, and the libraries it names; the hub takes only what runs in Node.
 */
const folders = [
  'domain',
  'scripts',
  'access',
  'model',
  'sync',
  'storage',
  'export',
  'pwa',
  'ui',
  'paraglide'
];
const layers = {
  domain: {
    may: [],
    libraries: [
      'svelte',
      'svelte/*',
      '$app/*',
      'yjs',
      'y-*',
      'dexie',
      'node:*',
      '@noble/*',
      'valibot'
    ]
  },
  scripts: {
    may: ['domain'],
    libraries: ['svelte', 'svelte/*', '$app/*', 'yjs', 'y-*', 'dexie', 'node:*']
  },
  access: {
    may: ['domain'],
    libraries: ['svelte', 'svelte/*', '$app/*', 'yjs', 'y-*', 'dexie', 'node:*']
  },
  model: {
    may: ['domain', 'scripts', 'access'],
    libraries: ['svelte', 'svelte/*', '$app/*', 'yjs', 'y-*', 'dexie', 'node:*']
  },
  sync: {
    may: ['domain', 'scripts', 'access', 'model'],
    libraries: ['svelte', 'svelte/*', '$app/*', 'dexie', 'node:*']
  },
  storage: {
    may: ['domain', 'scripts', 'access', 'model'],
    libraries: ['svelte', 'svelte/*', '$app/*', 'yjs', 'y-*', 'node:*']
  },
  export: {
    may: ['domain', 'scripts', 'access', 'model', 'sync', 'storage', 'paraglide'],
    libraries: ['svelte', 'svelte/*', '$app/*', 'node:*']
  },
  pwa: { may: ['domain'], libraries: ['yjs', 'y-*', 'dexie', 'node:*'] }
};

/** no-restricted-imports for each layer: other folders of src/lib, and the libraries it must not use. */
function layerRules() {
  const rules = Object.entries(layers).map(([layer, { may, libraries }]) => {
    const banned = folders.filter((folder) => folder !== layer && !may.includes(folder));
    const folderPattern = banned.join('|');
    return {
      files: [`src/lib/${layer}/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(${folderPattern})/|^\\$lib/(${folderPattern})/`,
                message: `${layer} may import only ${may.length ? may.join(', ') : 'itself'} (see docs/ARCHITECTURE.md).`
              },
              {
                group: libraries,
                message: `${layer} must not use this library (see docs/ARCHITECTURE.md).`
              }
            ]
          }
        ]
      }
    };
  });
  rules.push({
    files: ['src/hub/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.{1,2}/.*(?<!\\.ts|\\.js|\\.json)$', message: 'add the .ts extension.' },
            {
              regex: '^(\\.\\./)+lib/(storage|export|ui|pwa|paraglide)/',
              message: 'the hub takes only domain, scripts, access, model and sync from src/lib.'
            },
            {
              group: ['svelte', 'svelte/*', '$app/*', '$lib/*', 'dexie'],
              message: 'the hub runs in Node.'
            }
          ]
        }
      ]
    }
  });
  return rules;
}

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
  ...layerRules(),
  {
    // Build scripts run on Node's own TypeScript support: relative imports need their extension.
    files: ['scripts/**'],
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
