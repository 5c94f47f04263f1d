/**
 * Production packaging, checked as far as possible without a container engine: the Dockerfile's stages,
 * user, health check and copied paths; the compose file's required secrets and settings (validated by the
 * application's own configuration schema); and that the server bundle imports at run time only packages
 * the image installs (`pnpm install --prod --filter @insek/api`).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadServerEnv } from "../src/env.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dockerfile = readFileSync(path.join(root, "docker/Dockerfile"), "utf8");
const instructions = dockerfile
  .replace(/\\\n\s*/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (/^FROM\s/i.test(line)) all.push([]);
  all.at(-1)?.push(line);
  return all;
}, []);
const runtime = stages.at(-1) ?? [];
/** A bare import specifier: a package (or node built-in), not a relative path. */
const PACKAGE_SPECIFIER = /^(?:node:)?(?:@[a-z0-9._-]+\/)?[a-z0-9][a-z0-9._-]*(?:\/[\w./-]+)?$/;

describe("docker/Dockerfile", () => {
  it("builds in one stage and runs from a second, slim one", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime[0]).toMatch(/^FROM node:20\.\d+-bookworm-slim AS runtime$/);
    // The build stage installs exactly the pnpm version the repository pins.
    const pinned = readFileSync(path.join(root, "README.md"), "utf8").match(/npm install -g pnpm@([\d.]+)/)?.[1];
    expect(pinned).toBeDefined();
    expect(dockerfile).toContain(`pnpm@${pinned}`);
  });

  it("runs as the unprivileged node user, with a health check on readiness", () => {
    const user = runtime.findIndex((l) => /^USER\s/.test(l));
    const cmd = runtime.findIndex((l) => /^CMD\s/.test(l));
    expect(runtime[user]).toBe("USER node");
    expect(user).toBeLessThan(cmd);
    expect(runtime.find((l) => l.startsWith("HEALTHCHECK"))).toContain("/health/ready");
    expect(runtime.find((l) => l.startsWith("ENV"))).toMatch(/NODE_ENV=production/);
  });

  it("copies into the runtime stage only paths the build produces, and starts the built server", () => {
    const copies = runtime.filter((l) => l.startsWith("COPY --from=build"));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const source = copy.split(/\s+/).at(-2) ?? "";
      expect(source.startsWith("/app/"), copy).toBe(true);
      const relative = source.slice("/app/".length);
      // node_modules are made by the install inside the image; everything else must exist after `pnpm build`.
      if (!relative.endsWith("node_modules")) expect(existsSync(path.join(root, relative)), `${relative} after pnpm build`).toBe(true);
    }
    expect(runtime.at(-1)).toBe('CMD ["node", "apps/api/dist/server.js"]');
    expect(existsSync(path.join(root, "apps/api/dist/migrations/meta/_journal.json"))).toBe(true);
  });

  it("keeps local data, dependencies and build output out of the build context", () => {
    const ignored = readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n");
    for (const entry of ["**/node_modules", "**/dist", "data", ".git"]) expect(ignored).toContain(entry);
  });

  it("the bundle imports at run time only node built-ins and the API's own dependencies", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "apps/api/package.json"), "utf8")) as { dependencies: Record<string, string> };
    const dist = path.join(root, "apps/api/dist");
    const specifiers = new Set<string>();
    for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(path.join(dist, file), "utf8");
      const statics = code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm);
      const dynamics = code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g);
      for (const match of [...statics, ...dynamics]) {
        const specifier = match[1] ?? match[2];
        if (specifier && PACKAGE_SPECIFIER.test(specifier)) specifiers.add(specifier);
      }
    }
    expect([...specifiers]).toEqual(expect.arrayContaining(["fastify", "drizzle-orm", "nodemailer", "prom-client"]));
    const builtins = new Set(builtinModules);
    const missing = [...specifiers].filter((s) => {
      if (s.startsWith("node:") || builtins.has(s)) return false;
      const name = s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : (s.split("/")[0] ?? s);
      return !(name in pkg.dependencies);
    });
    expect(missing).toEqual([]);
  });
});

describe("docker/compose.yaml", () => {
  const compose = parseYaml(readFileSync(path.join(root, "docker/compose.yaml"), "utf8")) as {
    services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown; build?: { dockerfile: string } }>;
  };
  const app = compose.services.app;
  const db = compose.services.db;

  it("requires the database password from the environment: no default secret", () => {
    expect(db?.environment?.POSTGRES_PASSWORD).toBe("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}");
    expect(app?.environment?.DATABASE_URL).toContain("${POSTGRES_PASSWORD:?");
    const text = readFileSync(path.join(root, "docker/compose.yaml"), "utf8");
    // Every variable substitution is either required (:?) or defaults to empty/a non-secret value.
    for (const [, name, op, fallback] of text.matchAll(/\$\{(\w+)(:[?-])?([^}]*)\}/g)) {
      if (/PASSWORD|TOKEN|SECRET/.test(name ?? "")) expect(op === ":?" || (op === ":-" && fallback === ""), name).toBe(true);
    }
  });

  it("starts the app after a healthy database, from the Dockerfile", () => {
    expect(db?.healthcheck).toBeDefined();
    expect(app?.depends_on?.db?.condition).toBe("service_healthy");
    expect(app?.build?.dockerfile).toBe("docker/Dockerfile");
  });

  it("sets only settings the application knows, with values its configuration accepts", () => {
    const environment = Object.fromEntries(
      Object.entries(app?.environment ?? {}).map(([key, value]) => [
        key,
        // What compose would substitute with the required variables given and the optional ones unset.
        String(value)
          .replace(/\$\{POSTGRES_PASSWORD:\?[^}]*\}/g, "example-password")
          .replace(/\$\{PUBLIC_URL:\?[^}]*\}/g, "https://insek.example.org")
          .replace(/\$\{LINK_SECRET:\?[^}]*\}/g, "example-link-secret-of-32-characters-or-more")
          .replace(/\$\{\w+:-([^}]*)\}/g, "$1"),
      ]),
    );
    // As the server reads it: production also needs PUBLIC_URL and LINK_SECRET.
    expect(() => loadServerEnv(environment)).not.toThrow();
    const env = loadServerEnv(environment);
    expect(env.DATABASE_URL).toBe("postgres://insek:example-password@db:5432/insek");
    expect(env.NODE_ENV).toBe("production");
  });
});
