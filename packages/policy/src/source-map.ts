import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a path of the parsed file sits, for error messages. When the path does not exist
 * (a missing key), it answers with the deepest part that does, so the person is pointed at the
 * map that lacks the key.
 */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Position of the value at `path`, or of its key when `atKey` is set and a key exists. */
  locate(path: readonly PathSegment[], options: { atKey?: boolean } = {}): Position {
    let node: unknown = this.doc.contents;
    let best: Position = { line: 1, column: 1 };
    const here = this.position(node);
    if (here) best = here;

    for (const [index, segment] of path.entries()) {
      const step = this.child(node, segment);
      if (!step) break;
      const wantKey = options.atKey === true && index === path.length - 1;
      const position = this.position(wantKey ? (step.key ?? step.node) : (step.node ?? step.key));
      if (position) best = position;
      node = step.node;
      if (!node) break;
    }
    return best;
  }

  /** The scalar value at `path`, if it is one, as text for error messages. */
  scalarAt(path: readonly PathSegment[]): string | undefined {
    const node = this.finalNode(path);
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
    return String(node.value);
  }

  private finalNode(path: readonly PathSegment[]): unknown {
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      node = this.child(node, segment)?.node;
      if (!node) return undefined;
    }
    return node;
  }

  private child(node: unknown, segment: PathSegment): { node?: Node; key?: Node } | undefined {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return undefined;
      return {
        node: (pair.value ?? undefined) as Node | undefined,
        key: pair.key as Node,
      };
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      return item ? { node: item as Node } : undefined;
    }
    return undefined;
  }

  private position(node: unknown): Position | undefined {
    if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
    const range = (node as Node).range;
    if (!range) return undefined;
    const { line, col } = this.lineCounter.linePos(range[0]);
    return { line, column: col };
  }
}

/** Renders a path the way a person reads it: `rules[1].forward_to[0].group`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}
