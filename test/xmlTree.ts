/** A strict XML 1.0 reading of a document into a small tree, for tests of the JUnit output. */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses with saxes: any well-formedness error (bad character, bad escape) throws. Returns the root element. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const doc: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [doc];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attrs: { ...tag.attributes }, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (doc.children.length !== 1) throw new Error(`expected one root element, got ${doc.children.length}`);
  return doc.children[0]!;
}

/** The children of `n` named `name`. */
export const kids = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
