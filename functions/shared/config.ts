import * as z from 'zod/mini';

/**
 * A service's environment, declared once. The Lambda reads it with `load()`;
 * the CDK construct is typed against `Environment<typeof config>`, so a variable
 * the function needs but the stack does not set fails the build.
 */
export interface ServiceConfig<Shape extends z.core.$ZodShape> {
  readonly schema: z.ZodMiniObject<Shape>;
  load(env?: NodeJS.ProcessEnv): z.infer<z.ZodMiniObject<Shape>>;
}

export const defineConfig = <Shape extends z.core.$ZodShape>(shape: Shape): ServiceConfig<Shape> => {
  const schema = z.object(shape);
  let cached: z.infer<typeof schema> | undefined;
  return {
    schema,
    load(env = process.env) {
      if (env === process.env && cached) return cached;
      const parsed = schema.safeParse(env);
      if (!parsed.success) {
        const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        throw new Error(`Invalid environment: ${names}`);
      }
      if (env === process.env) cached = parsed.data;
      return parsed.data;
    },
  };
};

/** The environment variables a config needs, as the CDK must provide them. */
export type Environment<C> = C extends ServiceConfig<infer Shape> ? { [K in keyof Shape]: string } : never;
