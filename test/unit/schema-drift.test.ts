import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { printAppSchema, SCHEMA_FILE } from '../../src/schema/emit-schema';

describe('schema/schema.graphql', () => {
  it('should equal the schema generated from the code (run `npm run schema` after a change)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printAppSchema());
  });
});
