// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

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
    settings: { "import-x/ignore": ["node_modules"], "import-x/extensions": [".ts", ".tsx", ".js"] },
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
