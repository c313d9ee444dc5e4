import {
  APPLICATION_JSON,
  GRAPHQL_RESPONSE_JSON,
  negotiateResponseType,
} from '../../src/limits/graphql-over-http';

describe('response media type', () => {
  it.each([
    ['no Accept header', undefined, APPLICATION_JSON],
    ['an empty Accept header', '', APPLICATION_JSON],
    ['*/*', '*/*', APPLICATION_JSON],
    ['application/*', 'application/*', APPLICATION_JSON],
    ['application/json', 'application/json', APPLICATION_JSON],
    ['application/graphql-response+json', GRAPHQL_RESPONSE_JSON, GRAPHQL_RESPONSE_JSON],
    [
      'the new type first, both equal',
      'application/graphql-response+json, application/json',
      GRAPHQL_RESPONSE_JSON,
    ],
    [
      'the legacy type first, both equal',
      'application/json, application/graphql-response+json',
      APPLICATION_JSON,
    ],
    [
      'the new type preferred by quality',
      'application/json;q=0.9, application/graphql-response+json',
      GRAPHQL_RESPONSE_JSON,
    ],
    [
      'an exact type over a wildcard',
      '*/*;q=0.5, application/graphql-response+json;q=0.8',
      GRAPHQL_RESPONSE_JSON,
    ],
    ['a utf-8 charset', 'application/graphql-response+json; charset=utf-8', GRAPHQL_RESPONSE_JSON],
    ['a browser page request', 'text/html,application/xhtml+xml,*/*;q=0.8', APPLICATION_JSON],
  ])('should pick the right type for %s', (_case, accept, expected) => {
    expect(negotiateResponseType(accept)).toBe(expected);
  });

  it.each([
    ['only HTML', 'text/html'],
    ['a refused JSON', 'application/json;q=0'],
    ['another charset', 'application/json; charset=iso-8859-1'],
  ])('should accept nothing for %s (Apollo answers 406)', (_case, accept) => {
    expect(negotiateResponseType(accept)).toBeUndefined();
  });
});
