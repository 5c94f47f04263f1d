// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import { readdirSync } from "node:fs";
import { join } from "node:path";

// API: SQL (drizzle-orm and its pg-core) only in *.repo.ts and *.sql.ts (decision 0022).
const noSqlHere = { name: "drizzle-orm", message: "SQL lives in a *.repo.ts or *.sql.ts (decision 0022)." };
const noSqlHereCore = { name: "drizzle-orm/pg-core", message: "SQL lives in a *.repo.ts or *.sql.ts (decision 0022)." };

// Web feature boundaries (as bulletproof-react): a feature imports only itself, components/ and lib/; shared
// code never imports features or app/. The zones follow the folders, so a new feature is covered at once.
export const webRoot = join(import.meta.dirname, "apps/web");
const webFeatures = readdirSync(join(webRoot, "src/features"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
export const webZones = [
  ...webFeatures.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: "Features do not import each other; move the shared piece to src/components or src/lib.",
  })),
  { target: "./src/features", from: "./src/app", message: "Features do not import from the app shell." },
  {
    target: ["./src/components", "./src/lib"],
    from: ["./src/features", "./src/app"],
    message: "Shared code does not depend on features or the app shell.",
  },
];

export default tseslint.config(
  {
    ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/*.config.*", "**/migrations/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "import-x": importX },
    settings: {
      "import-x/ignore": ["node_modules"],
      "import-x/extensions": [".ts", ".tsx", ".js"],
      // Resolves the relative imports (TypeScript files, ".js" specifiers of the API) so path and cycle rules see them.
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"], extensionAlias: { ".js": [".ts", ".tsx", ".js"] } })],
    },
    rules: {
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment only in src/env.ts." },
      ],
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    rules: { "import-x/no-restricted-paths": ["error", { basePath: webRoot, zones: webZones }] },
  },
  // API layers (docs/decisions/0022-api-layer-rules.md): SQL only in repositories, repositories and lib below
  // everything else, services without the Fastify request, modules without plugins.
  {
    // Plugins may serve modules (auth reads accounts and settings); never the other way round.
    // SQL (drizzle-orm) only in a *.repo.ts or *.sql.ts: the blocks below for those files lift it.
    files: ["apps/api/src/modules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [noSqlHere, noSqlHereCore],
          patterns: [{ group: ["**/plugins/**"], message: "Modules do not import plugins; shared request helpers live in lib/ (decision 0022)." }],
        },
      ],
    },
  },
  {
    files: ["apps/api/src/modules/**/*.routes.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "drizzle-orm", message: "SQL lives in the feature's repo (decision 0022)." }],
          patterns: [{ group: ["**/plugins/**"], message: "Modules do not import plugins; shared request helpers live in lib/ (decision 0022)." }],
        },
      ],
    },
  },
  {
    files: ["apps/api/src/modules/**/*.repo.ts", "apps/api/src/modules/**/*.sql.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "fastify", message: "A repository takes (db | tx, params), never the request (decision 0022)." }],
          patterns: [{ group: ["**/*.service.js", "**/*.routes.js", "**/plugins/**"], message: "Repositories sit below services, routes and plugins (decision 0022)." }],
        },
      ],
    },
  },
  {
    files: ["apps/api/src/modules/**/*.service.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "fastify", message: "A service takes a plain context, not the Fastify request (decision 0022)." }, noSqlHere, noSqlHereCore],
          patterns: [{ group: ["**/*.routes.js", "**/plugins/**", "**/*.plugin.js"], message: "Services import neither routes nor plugins (decision 0022)." }],
        },
      ],
    },
  },
  {
    // The backup copies every table generically from the catalog: its SQL is its data access (decision 0022).
    // It keeps the rules of a service otherwise: no fastify, no plugins, no routes.
    files: ["apps/api/src/modules/backup/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "fastify", message: "A service takes a plain context, not the Fastify request (decision 0022)." }],
          patterns: [{ group: ["**/*.routes.js", "**/plugins/**", "**/*.plugin.js"], message: "Services import neither routes nor plugins (decision 0022)." }],
        },
      ],
    },
  },
  {
    files: ["apps/api/src/lib/**/*.ts"],
    ignores: ["apps/api/src/lib/**/*.repo.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [noSqlHere, noSqlHereCore], patterns: [{ group: ["**/modules/**", "**/plugins/**"], message: "lib/ depends on no feature and no plugin (decision 0022)." }] },
      ],
    },
  },
  {
    files: ["apps/api/src/lib/**/*.repo.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/modules/**", "**/plugins/**"], message: "lib/ depends on no feature and no plugin (decision 0022)." }] }],
    },
  },
  {
    // Fastify plugins are async functions by contract, whether or not they await anything.
    files: ["**/*.routes.ts"],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // The single readers of the environment, and scripts/tests that set up their own processes.
    files: ["**/src/env.ts", "**/scripts/**", "**/test/**", "**/e2e/**", "**/testing/**", "**/*.test.ts", "**/*.test.tsx", "**/bench/**"],
    rules: { "no-restricted-properties": "off" },
  },
);
