import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface JunitCase {
  name: string;
  classname: string;
  time: string;
  failure?: { message: string; type: string; '#text'?: string };
  error?: { message: string; type: string; '#text'?: string };
  skipped?: { message: string };
  'system-out'?: string;
}

export interface JunitSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  properties: { property: { name: string; value: string }[] };
  testcase: JunitCase[];
}

export interface JunitDocument {
  testsuites: { name: string; time: string; tests: string; failures: string; errors: string; skipped: string; testsuite: JunitSuite[] };
}

/** Parses JUnit XML with a real XML parser, after checking it is well-formed; throws on anything else. */
export function parseJunit(xml: string): JunitDocument {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml) as JunitDocument;
}
