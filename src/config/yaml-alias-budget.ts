import { EVENT_ID, type Event } from 'js-yaml';
import type { ConfigIssue } from './config-error.js';
import { lineStarts, locate } from './yaml-positions.js';

/**
 * Values that aliases may add to a document once expanded. A workflow reuses a filter list or a connection block a
 * few times; nested aliases (9 per level, 8 levels deep) expand a 1 KB file to 43 million values, which every later
 * walk over the config (environment expansion, validation) would materialize.
 */
export const ALIAS_EXPANSION_BUDGET = 100_000;

interface Frame {
  size: number;
  anchor?: string;
}

/**
 * Counts, from the event stream alone (nothing expanded), how many values the aliases of a document stand for, and
 * refuses the document at the alias that passes the budget or that refers to a node still open (a cycle).
 */
export function aliasExpansionIssue(text: string, events: Event[], budget = ALIAS_EXPANSION_BUDGET): ConfigIssue | undefined {
  const sizes = new Map<string, number>();
  const open = new Set<string>();
  const stack: Frame[] = [];
  let starts: number[] | undefined;
  let added = 0;
  const at = (offset: number, message: string): ConfigIssue => ({
    path: '',
    ...locate((starts ??= lineStarts(text)), Math.max(0, offset - 1)),
    message,
  });
  const anchorOf = (event: { anchorStart: number; anchorEnd: number }) =>
    event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : undefined;
  const count = (size: number) => {
    const top = stack[stack.length - 1];
    if (top) top.size += size;
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const anchor = anchorOf(event);
        if (anchor !== undefined) open.add(anchor);
        stack.push({ size: 1, anchor });
        break;
      }
      case EVENT_ID.SCALAR: {
        const anchor = anchorOf(event);
        if (anchor !== undefined) sizes.set(anchor, 1);
        count(1);
        break;
      }
      case EVENT_ID.ALIAS: {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        if (open.has(name)) return at(event.anchorStart, `alias *${name} refers to the node it is part of: a config cannot contain itself`);
        const size = sizes.get(name) ?? 1;
        added += size;
        if (added > budget) {
          return at(
            event.anchorStart,
            `YAML aliases expand to more than ${budget.toLocaleString('en-US')} values (a nested alias bomb?); write the repeated parts out`,
          );
        }
        count(size);
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (!frame) break; // the end of a document
        if (frame.anchor !== undefined) {
          open.delete(frame.anchor);
          sizes.set(frame.anchor, frame.size);
        }
        count(frame.size);
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
