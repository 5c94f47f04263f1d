import { z } from "zod";

export const healthSchema = z.object({
  status: z.enum(["ok", "not_ready"]),
  checks: z.record(z.string(), z.enum(["ok", "failed"])).optional(),
});
export type Health = z.infer<typeof healthSchema>;
