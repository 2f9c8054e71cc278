// zod → JSON Schema for the zod types our structured outputs use (object, string, number with
// min/max, boolean, enum, array, nullable, literal), in the form OpenAI's strict mode accepts
// (string lengths are checked by zod after parsing, never sent):
// every property required, no additional properties. Anything else is refused with a clear error
// rather than approximated.
import { z } from "zod";
import { InputError } from "../core/errors";

export type JsonSchema = Record<string, unknown>;

export function zodToJsonSchema(schema: z.ZodTypeAny, at = "(root)"): JsonSchema {
  const out = convert(schema, at);
  const description = schema.description;
  return description && !out.description ? { ...out, description } : out;
}

function convert(s: z.ZodTypeAny, at: string): JsonSchema {
  const def = s._def as { typeName: string; description?: string };
  const withDesc = (o: JsonSchema): JsonSchema => (s.description ? { ...o, description: s.description } : o);
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodObject: {
      const shape = (s as z.ZodObject<z.ZodRawShape>).shape;
      const properties: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(shape)) {
        const here = at === "(root)" ? k : `${at}.${k}`;
        if (v instanceof z.ZodOptional || v instanceof z.ZodDefault)
          throw new InputError(`structured schema field ${here}: optional fields are not allowed in strict mode; use .nullable()`);
        properties[k] = zodToJsonSchema(v as z.ZodTypeAny, here);
      }
      return withDesc({ type: "object", properties, required: Object.keys(shape), additionalProperties: false });
    }
    case z.ZodFirstPartyTypeKind.ZodString:
      // No minLength / maxLength: strict structured outputs refuse string-length keywords (a 400 for
      // every call). zod still checks the length of the parsed answer, and a failed check is retried.
      return withDesc({ type: "string" });
    case z.ZodFirstPartyTypeKind.ZodNumber: {
      const o: JsonSchema = { type: "number" };
      for (const c of (s as z.ZodNumber)._def.checks) {
        if (c.kind === "int") o.type = "integer";
        else if (c.kind === "min") o[c.inclusive ? "minimum" : "exclusiveMinimum"] = c.value;
        else if (c.kind === "max") o[c.inclusive ? "maximum" : "exclusiveMaximum"] = c.value;
      }
      return withDesc(o);
    }
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return withDesc({ type: "boolean" });
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return withDesc({ type: "string", enum: [...(s as z.ZodEnum<[string, ...string[]]>).options] });
    case z.ZodFirstPartyTypeKind.ZodLiteral: {
      const v = (s as z.ZodLiteral<unknown>).value;
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
        throw new InputError(`structured schema field ${at}: literal ${String(v)} is not a string, number or boolean`);
      return withDesc({ type: typeof v === "string" ? "string" : typeof v === "number" ? "number" : "boolean", enum: [v] });
    }
    case z.ZodFirstPartyTypeKind.ZodArray: {
      const a = s as z.ZodArray<z.ZodTypeAny>;
      const o: JsonSchema = { type: "array", items: zodToJsonSchema(a.element, `${at}[]`) };
      if (a._def.minLength) o.minItems = a._def.minLength.value;
      if (a._def.maxLength) o.maxItems = a._def.maxLength.value;
      return withDesc(o);
    }
    case z.ZodFirstPartyTypeKind.ZodNullable:
      return withDesc({ anyOf: [zodToJsonSchema((s as z.ZodNullable<z.ZodTypeAny>).unwrap(), at), { type: "null" }] });
    case z.ZodFirstPartyTypeKind.ZodEffects:
      // refine/transform: the wire shape is the inner schema; zod still runs the refinement.
      return convert((s as z.ZodEffects<z.ZodTypeAny>).innerType(), at);
    default:
      throw new InputError(
        `structured schema field ${at}: zod type ${def.typeName} is not supported (use object, string, number, boolean, enum, array, nullable, literal)`,
      );
  }
}
