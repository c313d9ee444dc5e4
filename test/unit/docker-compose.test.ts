import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { projectPath } from '../../src/common/paths';
import { ENV_NAMES, loadConfig } from '../../src/config';

interface Compose {
  services: Record<
    string,
    {
      image?: string;
      environment?: Record<string, string>;
      healthcheck?: unknown;
      depends_on?: unknown;
    }
  >;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(projectPath('docker-compose.yml'), 'utf8')) as Compose;
  const api = compose.services.api;

  it('should run Neo4j 5.26 Community with a healthcheck', () => {
    expect(compose.services.neo4j?.image).toMatch(/^neo4j:5\.26.*community/);
    expect(compose.services.neo4j?.healthcheck).toBeDefined();
  });

  it('should only set variables the config module knows, and valid values', () => {
    const environment = api?.environment ?? {};
    expect(
      Object.keys(environment).filter((name) => !(ENV_NAMES as string[]).includes(name)),
    ).toEqual([]);
    expect(loadConfig(environment).neo4j.uri).toBe('bolt://neo4j:7687');
  });

  it('should start the API only after Neo4j and Redis are healthy', () => {
    expect(api?.depends_on).toEqual({
      neo4j: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(compose.services.redis?.healthcheck).toBeDefined();
  });

  it('should fan out exchange events through the Redis service, for several replicas', () => {
    expect(loadConfig(api?.environment ?? {}).exchange.redisUrl).toBe('redis://redis:6379');
    expect(compose.services.lb?.depends_on).toEqual(['api']);
  });

  it('should send notification e-mails to the Mailpit service', () => {
    expect(loadConfig(api?.environment ?? {}).notifications.smtpUrl).toBe('smtp://mailpit:1025');
    expect(compose.services.mailpit).toBeDefined();
  });
});
