import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  astFromValue,
  buildSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  print,
} from 'graphql';
import { projectPath } from '../../src/common/paths';
import { post, type Request } from './request';
import { codecCursor, dateString, hostileNumber, hostileString, wrongValue } from './values';

/** Ids and keys that exist in the graph, so that generated operations also get past "not found". */
export interface ValuePools {
  partnerIds: string[];
  cooperationIds: string[];
  eventIds: string[];
  dimensionKeys: string[];
  topicKeys: string[];
  districtKeys: string[];
  boroughKeys: string[];
}

/** How hostile the values of a schema operation are. */
export type Mode = 'valid' | 'hostile';

/** The API's schema as committed (schema/schema.graphql): every query, mutation and argument. */
export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(projectPath('schema', 'schema.graphql'), 'utf8'));
}

/**
 * Operations built from the schema: one or two root fields of Query, Mutation or Subscription,
 * arguments generated from their types (existing ids and keys where an argument takes one,
 * hostile values of the right and of the wrong JSON type), and a small selection set.
 */
export class SchemaOperations {
  private readonly selections = new Map<string, fc.Arbitrary<string>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: ValuePools,
  ) {}

  /** One or two root fields of Query, Mutation or Subscription with generated arguments. */
  schemaOperation(mode: Mode): fc.Arbitrary<Request> {
    const roots = [
      { keyword: 'query', type: this.schema.getQueryType(), weight: 5 },
      { keyword: 'mutation', type: this.schema.getMutationType(), weight: 4 },
      { keyword: 'subscription', type: this.schema.getSubscriptionType(), weight: 1 },
    ].flatMap(({ keyword, type, weight }) =>
      type ? [{ weight, arbitrary: this.rootCall(keyword, type, mode) }] : [],
    );
    return fc
      .oneof(...roots)
      .map(({ query, variables }) => post(`schema:${mode}`, query, variables));
  }

  private rootCall(keyword: string, type: GraphQLObjectType, mode: Mode) {
    const fields = Object.values(type.getFields());
    const call = fc.constantFrom(...fields).chain((field) => this.fieldCall(field, mode));
    // One root field per mutation: with two, the first may commit while the second fails and
    // nulls `data`, and the response could no longer tell a refused operation from a write.
    const maxLength = keyword === 'mutation' ? 1 : 2;
    return fc.array(call, { minLength: 1, maxLength }).map((calls) => {
      const variables: Record<string, unknown> = {};
      const definitions: string[] = [];
      const selections = calls.map((c, i) => {
        const args = c.args.map((arg, j) => {
          const name = `v${i}_${j}`;
          if (arg.inline !== undefined) return `${arg.name}: ${arg.inline}`;
          definitions.push(`$${name}: ${arg.declared}`);
          if (arg.value !== undefined) variables[name] = arg.value;
          return `${arg.name}: $${name}`;
        });
        const argText = args.length > 0 ? `(${args.join(', ')})` : '';
        return `f${i}: ${c.field}${argText} ${c.selection}`;
      });
      const defs = definitions.length > 0 ? `(${definitions.join(', ')})` : '';
      return { query: `${keyword} Fuzz${defs} { ${selections.join(' ')} }`, variables };
    });
  }

  private fieldCall(field: GraphQLField<unknown, unknown>, mode: Mode) {
    const args = fc.tuple(...field.args.map((arg) => this.argument(arg, mode)));
    return fc.tuple(args, this.selection(field.type, 2)).map(([values, selection]) => ({
      field: field.name,
      args: values.filter((v): v is ArgumentValue => v !== undefined),
      selection,
    }));
  }

  /** An argument passed as a variable (mostly) or inline, or left out when optional. */
  private argument(arg: GraphQLArgument, mode: Mode): fc.Arbitrary<ArgumentValue | undefined> {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const value = this.inputValue(arg.type, arg.name, mode, 0);
    const passed = fc.tuple(value, fc.nat(9)).map(([v, dice]): ArgumentValue => {
      const ast = dice < 2 ? safeAst(v, arg.type) : undefined;
      // A mismatched declaration now and then: the variable's type must match the argument's.
      const declared = mode === 'hostile' && dice === 9 ? 'String' : String(arg.type);
      return { name: arg.name, declared, value: v, inline: ast };
    });
    if (required) {
      return mode === 'valid'
        ? passed
        : fc.oneof({ weight: 19, arbitrary: passed }, fc.constant(undefined));
    }
    return fc.oneof(fc.constant(undefined), passed);
  }

  /** A value for an input type: valid-looking, hostile of the right JSON type, or of a wrong one. */
  private inputValue(
    type: GraphQLInputType,
    name: string,
    mode: Mode,
    depth: number,
  ): fc.Arbitrary<unknown> {
    const wrong = mode === 'hostile' ? 1 : 0;
    if (isNonNullType(type)) {
      const inner = this.inputValue(type.ofType, name, mode, depth);
      return wrong ? fc.oneof({ weight: 19, arbitrary: inner }, fc.constant(null)) : inner;
    }
    if (isListType(type)) {
      return fc.array(this.inputValue(type.ofType, name, mode, depth + 1), {
        maxLength: depth > 1 ? 1 : 4,
      });
    }
    let typed: fc.Arbitrary<unknown>;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const entries = fields.map((f) => {
        const required = isNonNullType(f.type) && f.defaultValue === undefined;
        const v = this.inputValue(f.type, f.name, mode, depth + 1);
        return required ? v : fc.option(v, { nil: undefined, freq: 2 });
      });
      typed = fc
        .tuple(...entries)
        .map((values) =>
          Object.fromEntries(
            fields.map((f, i) => [f.name, values[i]]).filter(([, v]) => v !== undefined),
          ),
        );
    } else if (isEnumType(type)) {
      typed = fc.constantFrom(...type.getValues().map((v) => v.name));
    } else {
      typed = this.scalar(type.name, name, mode);
    }
    return wrong ? fc.oneof({ weight: 12, arbitrary: typed }, wrongValue) : typed;
  }

  private scalar(scalar: string, name: string, mode: Mode): fc.Arbitrary<unknown> {
    const hostile = mode === 'hostile';
    switch (scalar) {
      case 'Int':
        return hostile ? fc.oneof(this.intFor(name), hostileNumber) : this.intFor(name);
      case 'Float':
        return hostile
          ? fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), hostileNumber)
          : fc.double({ min: 0, max: 2, noNaN: true });
      case 'Boolean':
        return fc.boolean();
      case 'LocalDate':
        return hostile ? fc.oneof(dateString, hostileString) : dateString;
      default:
        return hostile ? fc.oneof(this.stringFor(name), hostileString) : this.stringFor(name);
    }
  }

  private intFor(name: string): fc.Arbitrary<number> {
    if (/^(first|last)$/.test(name)) return fc.integer({ min: -1, max: 120 });
    if (name === 'version') return fc.integer({ min: 0, max: 4 });
    return fc.integer({ min: -1, max: 12 });
  }

  /** Strings that look right for the argument's name: existing ids and keys where it takes one. */
  private stringFor(name: string): fc.Arbitrary<string> {
    const p = this.pools;
    const pick = (values: string[], fallback: string) =>
      values.length > 0
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, fc.constant(fallback))
        : fc.constant(fallback);
    if (
      /^(id|partnerId|candidateId|inPartnerId|leadPartnerId|partnerIds|excludeIds|including|partner)$/.test(
        name,
      )
    ) {
      return pick(p.partnerIds, 'p-99999');
    }
    if (/cooperation/i.test(name)) return pick(p.cooperationIds, 'c-99999');
    if (/^eventId$/.test(name)) return pick(p.eventIds, 'e-99999');
    if (/exchange|match|post/i.test(name)) return fc.constantFrom('x-00001', 'm-1', 'post-1');
    if (/dimension/i.test(name)) return pick(p.dimensionKeys, 'no_dimension');
    if (/topic/i.test(name)) return pick(p.topicKeys, 'no_topic');
    if (/district/i.test(name)) return pick(p.districtKeys, 'no_district');
    if (/borough/i.test(name)) return pick(p.boroughKeys, 'no_borough');
    if (/^(after|before)$/.test(name)) {
      return fc.oneof(
        fc.base64String({ maxLength: 24 }),
        fc.json().map((j) => Buffer.from(j).toString('base64')),
        { weight: 2, arbitrary: codecCursor },
      );
    }
    if (name === 'website')
      return fc.constantFrom('https://example.org', 'http://localhost:4000', 'javascript:alert(1)');
    if (/email/i.test(name)) return fc.constantFrom('kontakt@example.org', 'not-an-email', 'a@b');
    if (name === 'funding') return fc.constantFrom('DEMOKRATIE_LEBEN', 'OTHER');
    return fc.oneof(fc.lorem({ maxCount: 4 }), fc.string({ maxLength: 12 }));
  }

  /** A selection set of up to `depth` levels for a field's type; empty for leaves. */
  private selection(type: Parameters<typeof getNamedType>[0], depth: number): fc.Arbitrary<string> {
    const named = getNamedType(type);
    if (!named || isLeafType(named) || !isObjectType(named)) return fc.constant('');
    const key = `${named.name}:${depth}`;
    const known = this.selections.get(key);
    if (known) return known;
    const fields = Object.values(named.getFields()).filter(
      (f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined),
    );
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const nested = depth > 0 ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
    const leafPart =
      leaves.length > 0
        ? fc.subarray(
            leaves.map((f) => f.name),
            { minLength: 1, maxLength: Math.min(4, leaves.length) },
          )
        : fc.constant([] as string[]);
    const nestedPart =
      nested.length > 0
        ? fc
            .subarray(nested, { maxLength: Math.min(2, nested.length) })
            .chain((chosen) =>
              chosen.length === 0
                ? fc.constant([] as string[])
                : fc.tuple(
                    ...chosen.map((f) =>
                      this.selection(f.type, depth - 1).map((s) => `${f.name} ${s}`),
                    ),
                  ),
            )
        : fc.constant([] as string[]);
    const arbitrary = fc
      .tuple(leafPart, nestedPart)
      .map(([l, n]) => `{ __typename ${[...l, ...n].join(' ')} }`);
    this.selections.set(key, arbitrary);
    return arbitrary;
  }
}

interface ArgumentValue {
  name: string;
  declared: string;
  value: unknown;
  inline?: string;
}

/** The value as a GraphQL literal, or undefined when it has none (the variable is used then). */
function safeAst(value: unknown, type: GraphQLInputType): string | undefined {
  try {
    const ast = astFromValue(value, type);
    return ast ? print(ast) : undefined;
  } catch {
    return undefined;
  }
}
