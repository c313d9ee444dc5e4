import { DOMParser } from '@xmldom/xmldom';

/** Namespace of GEXF 1.3 documents. */
export const GEXF_NS = 'http://gexf.net/1.3';
/** Namespace of GraphML documents. */
export const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

/** Parses XML strictly: any parser warning or error fails the calling test. */
export function parseXml(text: string) {
  const problems: string[] = [];
  const document = new DOMParser({
    errorHandler: (level: string, message: unknown) =>
      problems.push(`${level}: ${String(message)}`),
  }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return document;
}
