import { EVENT_ID, getScalarValue, SCALAR_STYLE, type Event } from 'js-yaml';
import { dottedPath, pointer, type KeyPath } from './key-path.js';

export interface Position {
  line: number;
  column: number;
  /** True when the node is a plain (unquoted) scalar: only those get YAML type resolution. */
  plain: boolean;
  /** A scalar value's text in the source (inside the quotes of a quoted one), and whether it is a block scalar. */
  span?: { start: number; end: number; block: boolean };
}

/** Pointer → where that key (or sequence item) starts in the source text. */
export type PositionIndex = Map<string, Position>;

interface Frame {
  kind: 'mapping' | 'sequence';
  path: Array<string | number>;
  index: number;
  key: string | null;
  expectKey: boolean;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function locate(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/**
 * Walks js-yaml's event stream (which carries source offsets) to learn where every key and item sits,
 * so validation errors can name a line even though `load()` returns plain objects.
 */
export function indexPositions(text: string, events: Event[]): PositionIndex {
  const starts = lineStarts(text);
  const index: PositionIndex = new Map();
  const stack: Frame[] = [];

  // Returns the path of the node that starts now, advancing the parent frame past it.
  const enter = (): Array<string | number> | null => {
    const top = stack[stack.length - 1];
    if (top === undefined) return [];
    if (top.kind === 'sequence') return [...top.path, top.index++];
    if (top.expectKey) {
      top.key = null; // a complex (collection) key: not addressable by a path
      top.expectKey = false;
      return null;
    }
    top.expectKey = true;
    return top.key === null ? null : [...top.path, top.key];
  };
  const record = (path: KeyPath, offset: number, plain: boolean) => {
    if (offset >= 0 && !index.has(pointer(path))) index.set(pointer(path), { ...locate(starts, offset), plain });
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = enter();
        const frame: Frame = {
          kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
          path: path ?? ['\u0000'],
          index: 0,
          key: null,
          expectKey: true,
        };
        if (path !== null) record(path, event.start, false);
        stack.push(frame);
        break;
      }
      case EVENT_ID.SCALAR: {
        const top = stack[stack.length - 1];
        const plain = event.style === SCALAR_STYLE.PLAIN;
        // valueStart is past the opening quote of a quoted scalar; the node starts at the quote.
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        const start = quoted ? event.valueStart - 1 : event.valueStart;
        if (top?.kind === 'mapping' && top.expectKey) {
          top.key = getScalarValue(text, event);
          top.expectKey = false;
          record([...top.path, top.key], start, false);
        } else {
          const path = enter();
          if (path !== null) {
            const span = {
              start: event.valueStart,
              end: event.valueEnd,
              block: event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK,
            };
            const existing = index.get(pointer(path));
            // A mapping value is located at its key; remember only whether the value itself was plain.
            if (existing) Object.assign(existing, { plain, span });
            else {
              record(path, start, plain);
              const recorded = index.get(pointer(path));
              if (recorded) recorded.span = span;
            }
          }
        }
        break;
      }
      case EVENT_ID.ALIAS:
        enter();
        break;
      case EVENT_ID.POP:
        stack.pop();
        break;
      default:
        break;
    }
  }
  return index;
}

/** A config issue at `path`, located at the nearest key the YAML has (a missing key has no line of its own). */
export function issueAt(positions: PositionIndex, path: KeyPath, message: string): { path: string; line?: number; column?: number; message: string } {
  let position: Position | undefined;
  for (let n = path.length; n >= 0 && !position; n--) position = positions.get(pointer(path.slice(0, n)));
  return { path: dottedPath(path), line: position?.line, column: position?.column, message };
}
