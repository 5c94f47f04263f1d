import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";

// The zones come from the repository's ESLint config; only the boundary rule runs here (no type information).
const repoRoot = new URL("../../../", import.meta.url);
const config = (await import(new URL("eslint.config.js", repoRoot).href)) as { webRoot: string; webZones: unknown[] };
const importX = (await import("eslint-plugin-import-x")) as unknown as {
  default: NonNullable<Linter.Config["plugins"]>[string];
  createNodeResolver: (options: object) => unknown;
};

const eslint = new ESLint({
  cwd: config.webRoot,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ["**/*.ts", "**/*.tsx"],
      languageOptions: { parser: (await import("typescript-eslint")).parser },
      plugins: { "import-x": importX.default },
      settings: { "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })] },
      rules: { "import-x/no-restricted-paths": ["error", { basePath: config.webRoot, zones: config.webZones }] },
    },
  ],
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${config.webRoot}/${filePath}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe("web feature boundaries (import-x/no-restricted-paths)", () => {
  it("refuses a feature importing another feature's internals", async () => {
    expect(await violations("src/features/consultations/components/probe.ts", 'export { useLogin } from "../../auth/api/login";')).toEqual([
      "import-x/no-restricted-paths",
    ]);
  });

  it("refuses a feature importing the app shell, and shared code importing a feature", async () => {
    expect(await violations("src/features/consultations/components/probe.ts", 'export { router } from "../../../app/router";')).toEqual([
      "import-x/no-restricted-paths",
    ]);
    expect(await violations("src/lib/probe.ts", 'export { useLogin } from "../features/auth/api/login";')).toEqual(["import-x/no-restricted-paths"]);
  });

  it("allows a feature its own files, components/ and lib/", async () => {
    const code = [
      'export { useLogin } from "../api/login";',
      'export { Field } from "../../../components/form/field";',
      'export { useSession } from "../../../lib/api/get-session";',
    ].join("\n");
    expect(await violations("src/features/auth/components/probe.ts", code)).toEqual([]);
  });
});
