import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('should use the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({
      host: '127.0.0.1',
      port: 4000,
      shutdownTimeoutMs: 10_000,
      bodyLimit: '256kb',
      trustProxyHops: 0,
      corsOrigins: [],
      introspection: true,
      fieldSuggestions: true,
      executor: 'jit',
      limits: {
        maxDepth: 12,
        maxAliases: 15,
        maxDirectives: 20,
        maxTokens: 2_000,
        maxCost: 500_000,
      },
      admission: {
        publicMaxCost: 20_000,
        publicCostPerMinute: 200_000,
        expensiveInFlight: 2,
        refusalsBeforeHoldBack: 5,
      },
      webSocket: {
        maxPayloadBytes: 65_536,
        connectionInitTimeoutMs: 3_000,
        maxSubscriptionsPerSocket: 20,
        tokenSweepMs: 30_000,
        maxSocketsPerUser: 10,
      },
    });
    expect(config.neo4j.txTimeoutMs).toBe(20_000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.embedded).toEqual({
      dataDir: '.data/neo4j',
      boltPort: 0,
      heap: '512m',
      pageCacheMiB: 64,
      startTimeoutMs: 120_000,
    });
    expect(config.seedOnStart).toBe(true);
    expect(config.readCompiler).toBe(true);
  });

  it('should accept an external Neo4j with routing and TLS schemes', () => {
    for (const uri of ['bolt://db:7687', 'neo4j+s://abc.databases.neo4j.io', 'neo4j://cluster']) {
      expect(loadConfig({ NEO4J_URI: uri }).neo4j.uri).toBe(uri);
    }
  });

  it('should convert memory sizes to MiB for the page cache', () => {
    expect(loadConfig({ NEO4J_PAGECACHE: '1G' }).neo4j.embedded.pageCacheMiB).toBe(1024);
    expect(loadConfig({ NEO4J_HEAP: '2G' }).neo4j.embedded.heap).toBe('2g');
  });

  it.each([
    ['PORT', 'abc', /PORT: expected 0 \(any free port\) or a port 1-65535, got "abc"/],
    ['PORT', '70000', /PORT: expected 0 .* got "70000"/],
    ['NEO4J_URI', 'http://localhost:7474', /NEO4J_URI: expected a bolt:\/\/ or neo4j:\/\/ URI/],
    ['NEO4J_HEAP', '512', /NEO4J_HEAP: expected a size such as 512m or 1g, got "512"/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: .*loud/],
    ['SEED_ON_START', 'maybe', /SEED_ON_START/],
  ])('should throw a ConfigError naming %s when it is %p', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('should name every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', NEO4J_HEAP: 'y' })).toThrow(/PORT:[\s\S]*NEO4J_HEAP:/);
  });

  it('should take graphql-js and the resolvers path when asked, and refuse other executors', () => {
    const config = loadConfig({ GRAPHQL_EXECUTOR: 'graphql-js', READ_COMPILER: 'false' });
    expect(config.http.executor).toBe('graphql-js');
    expect(config.readCompiler).toBe(false);
    expect(() => loadConfig({ GRAPHQL_EXECUTOR: 'fast' })).toThrow(/GRAPHQL_EXECUTOR/);
  });

  it('should refuse a JWKS URL without issuer and audience', () => {
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://id.example.org/jwks' })).toThrow(
      /JWT_JWKS_URL: expected JWT_ISSUER and JWT_AUDIENCE/,
    );
  });

  it('should refuse production without a token secret or JWKS', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: expected JWT_SECRET or JWT_JWKS_URL/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).auth.secret,
    ).toHaveLength(32);
  });

  it('should refuse a short JWT_SECRET', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: expected at least 32 characters, got 5/,
    );
  });
});
