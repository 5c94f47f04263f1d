import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "../src/env.js";

describe("loadEnv", () => {
  it("uses the embedded database and port 3000 by default", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data/pglite", NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("lists every invalid variable in one readable error", () => {
    try {
      loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain("PORT");
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("LOG_LEVEL");
    }
  });

  it("refuses to start in production without METRICS_TOKEN, with a readable error", () => {
    try {
      loadEnv({ NODE_ENV: "production" }, { server: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).message).toContain("METRICS_TOKEN: required with NODE_ENV=production");
    }
    const token = "a-long-enough-metrics-token";
    const links = { PUBLIC_URL: "https://insek.example.org", LINK_SECRET: "a-link-secret-of-at-least-32-characters" };
    expect(loadEnv({ NODE_ENV: "production", METRICS_TOKEN: token, ...links }, { server: true }).METRICS_TOKEN).toBe(token);
    expect(loadEnv({ NODE_ENV: "development" }, { server: true }).METRICS_TOKEN).toBeUndefined();
    // The command line serves no metrics: it needs no token.
    expect(loadEnv({ NODE_ENV: "production" }).NODE_ENV).toBe("production");
  });
});
