import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { OMGEN_VERSION } from '../version.js';
import type { DagSpec } from './dag-spec.js';
import { pyString } from './python-literal.js';
import { templatesDir } from './templates-dir.js';

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hbs = Handlebars.create();
  hbs.registerHelper('py', (value: unknown) => pyString(String(value)));
  hbs.registerHelper('pyBool', (value: unknown) => (value ? 'True' : 'False'));
  hbs.registerHelper('concat', (a: unknown, b: unknown) => `${String(a)}${String(b)}`);
  // noEscape: the output is Python, not HTML; strict: a misspelled field fails the render instead of vanishing.
  compiled = hbs.compile(readFileSync(join(templatesDir(), 'dag.py.hbs'), 'utf8'), { noEscape: true, strict: true });
  return compiled;
}

/** Pure (given the template): the same spec always renders the same bytes. */
export function renderDag(spec: DagSpec): string {
  const docSafe = (text: string) => text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  return template()({
    ...spec,
    version: OMGEN_VERSION,
    docDescription: docSafe(spec.description),
    sourceName: docSafe(spec.sourceName),
    endDate: spec.endDate ?? '',
    runTimeoutSeconds: spec.runTimeoutSeconds ?? 0,
    email: spec.email,
    kubernetes: spec.kubernetes
      ? { image: spec.kubernetes.image, namespace: spec.kubernetes.namespace ?? '', configMap: spec.kubernetes.configMap === true }
      : false,
  });
}
