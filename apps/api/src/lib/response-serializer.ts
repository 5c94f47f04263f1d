import type { FastifySerializerCompiler } from "fastify";
import { InvalidSchemaError, ResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";

type ZodSchema = z.ZodType;

function resolveSchema(maybe: unknown): ZodSchema {
  if (maybe instanceof z.ZodType) return maybe;
  if (typeof maybe === "object" && maybe !== null && "properties" in maybe && maybe.properties instanceof z.ZodType) {
    return maybe.properties;
  }
  throw new InvalidSchemaError(JSON.stringify(maybe));
}

/**
 * The JSON Schema of one direction, or undefined when it has no JSON form (a transform, say). Without
 * `additionalProperties`: the output direction forbids unknown keys (they are stripped), the input
 * direction does not, and that difference is the same for parse and encode.
 */
function jsonSchemaOf(schema: ZodSchema, io: "input" | "output"): string | undefined {
  try {
    return JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: "throw" }), (key, value: unknown) =>
      key === "additionalProperties" ? undefined : value,
    );
  } catch {
    return undefined;
  }
}

/**
 * Whether checking an answer with `safeParse` gives what `safeEncode` gives: when the schema reads the same
 * in both directions (no transform, codec, pipe or default makes its input and output differ).
 */
export function parsesAsItEncodes(schema: ZodSchema): boolean {
  const input = jsonSchemaOf(schema, "input");
  return input !== undefined && input === jsonSchemaOf(schema, "output");
}

/** Routes (method and URL) whose response schema differs by direction, so that answers take `safeEncode` (none today; see the test). */
export const routesCheckedByEncode = new Set<string>();

/**
 * Checks every answer against its response schema and writes it as JSON, like fastify-type-provider-zod's
 * `serializerCompiler`, but with zod's parse direction (`safeParse`) wherever the schema reads the same in
 * both directions (all of this API's response schemas today), and `safeEncode` otherwise. `safeEncode`
 * walks the answer without zod's compiled fast path: 13 ms instead of 2 ms for the 410 groups of the
 * districts answer at national scale, 36 ms instead of 13 ms for a status map of all of Germany
 * (docs/benchmarks.md, api-findings). The decision is made once per route, when Fastify compiles it.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema: maybeSchema, method, url }) => {
  const schema = resolveSchema(maybeSchema);
  const fast = parsesAsItEncodes(schema);
  if (!fast) routesCheckedByEncode.add(`${method} ${url}`);
  const check = fast ? (data: unknown) => schema.safeParse(data) : (data: unknown) => z.safeEncode(schema, data);
  return (data: unknown) => {
    const result = check(data);
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
