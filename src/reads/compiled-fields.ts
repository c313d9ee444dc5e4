import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import { isCompiled, PARENT } from './read-compiler';
import { readsByName } from './selection';

/**
 * Lets every field of the schema's object types take its value from a compiled parent: an
 * object the compiled reads built is keyed by response key, so the field's value is read there;
 * a field the statement left out is resolved by its own resolver, with the parent object the
 * statement returned (under {@link PARENT}). Any other source goes to the field's resolver
 * unchanged, so the DataLoader path (`READ_COMPILER=false`) is untouched. Value fields read by
 * name ({@link readsByName}) keep no resolver: compiled objects hold them under their names.
 * Changes the schema in place.
 */
export function compiledFieldsFirst(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (readsByName(field)) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        if (!isCompiled(source)) return resolve(source, args, context, info);
        const key = info.path.key as string;
        return key in source ? source[key] : resolve(source[PARENT], args, context, info);
      };
    }
  }
  return schema;
}
