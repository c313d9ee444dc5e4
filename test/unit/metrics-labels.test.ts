import {
  BoundedLabel,
  createMetrics,
  MAX_OPERATION_LABELS,
  OTHER_LABEL,
} from '../../src/observability/metrics';
import { acceptRequestId, variableNamesOf } from '../../src/observability/operations';

describe('metric label bounds', () => {
  it('should keep the first names and map every later new name to "other"', () => {
    const label = new BoundedLabel(2, /^[a-z]+$/);
    expect([label.of('a'), label.of('b'), label.of('c'), label.of('a')]).toEqual([
      'a',
      'b',
      OTHER_LABEL,
      'a',
    ]);
  });

  it('should map names that are not GraphQL names to "other" without using up the bound', () => {
    const metrics = createMetrics({ processMetrics: false });
    expect(metrics.operationLabel('x{y}')).toBe(OTHER_LABEL);
    expect(metrics.operationLabel('a'.repeat(500))).toBe(OTHER_LABEL);
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel('Partners')).toBe('Partners');
  });

  it(`should give at most ${MAX_OPERATION_LABELS} operation names their own series`, async () => {
    const metrics = createMetrics({ processMetrics: false });
    for (let i = 0; i < MAX_OPERATION_LABELS + 50; i += 1) {
      metrics.graphqlRequests.inc({
        operation: metrics.operationLabel(`Op${i}`),
        type: 'query',
        outcome: 'ok',
      });
    }
    const { values } = await metrics.graphqlRequests.get();
    expect(values).toHaveLength(MAX_OPERATION_LABELS + 1);
    expect(values.find((value) => value.labels.operation === OTHER_LABEL)?.value).toBe(50);
  });

  it('should keep the metrics of two instances apart', async () => {
    const first = createMetrics({ processMetrics: false });
    const second = createMetrics({ processMetrics: false });
    first.neo4jRestarts.inc();
    expect(await first.registry.getSingleMetricAsString('neo4j_embedded_restarts_total')).toMatch(
      /neo4j_embedded_restarts_total 1$/m,
    );
    expect(await second.registry.getSingleMetricAsString('neo4j_embedded_restarts_total')).toMatch(
      /neo4j_embedded_restarts_total 0$/m,
    );
  });
});

describe('request ids and variable names', () => {
  it('should accept a sane x-request-id and refuse anything else', () => {
    expect(acceptRequestId('abc-123_XYZ')).toBe('abc-123_XYZ');
    expect(acceptRequestId('a'.repeat(64))).toBe('a'.repeat(64));
    expect(acceptRequestId('a'.repeat(65))).toBeUndefined();
    expect(acceptRequestId('x\nforged: line')).toBeUndefined();
    expect(acceptRequestId('')).toBeUndefined();
    expect(acceptRequestId(['a', 'b'])).toBeUndefined();
  });

  it('should list variable names only, at most 20', () => {
    const variables = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`v${i}`, i]));
    expect(variableNamesOf({ email: 'a@b.c', first: 3 })).toEqual(['email', 'first']);
    expect(variableNamesOf(variables)).toHaveLength(20);
    expect(variableNamesOf(['x'])).toEqual([]);
    expect(variableNamesOf(null)).toEqual([]);
  });
});
