/**
 * A synthesized cloud assembly as CloudFormation would deploy it: every template (nested ones read from the
 * assembly directory through the parent's AWS::CloudFormation::Stack resources), and a simulation of a deploy
 * over the dependency graph (DependsOn, Ref, Fn::GetAtt, Fn::Sub) where each AWS::Connect::User takes one step,
 * every other resource none, and a nested stack starts when its dependencies are done.
 */
import { readStacks, Template } from '../../src/cli/assembly';
import { countDynamicReferences, TemplateCounts } from '../../src/private/rules/quotas';

/** What a rendered template holds: resources, outputs, dynamic references and its size as compact JSON. */
export function countTemplate(template: { Resources?: object; Outputs?: object }): TemplateCounts {
  const text = JSON.stringify(template) ?? '';
  return {
    resources: Object.keys(template.Resources ?? {}).length,
    outputs: Object.keys(template.Outputs ?? {}).length,
    dynamicReferences: countDynamicReferences(text),
    bytes: Buffer.byteLength(text),
  };
}

/** A template of the assembly and where it is (`Stack` or `Stack/NestedLogicalId/...`). */
export interface PlacedTemplate {
  readonly path: string;
  readonly template: Template;
}

/** Every template of the assembly, nested ones included, by top-level stack. */
export function templatesOfAssembly(dir: string): Map<string, PlacedTemplate[]> {
  const out = new Map<string, PlacedTemplate[]>();
  for (const stack of readStacks(dir)) {
    const found: PlacedTemplate[] = [];
    const walk = (path: string, template: Template) => {
      found.push({ path, template });
      for (const [id, r] of Object.entries(template.Resources ?? {})) {
        if (r.Type !== 'AWS::CloudFormation::Stack') continue;
        const nested = stack.nestedTemplate(template, id);
        if (nested === undefined) throw new Error(`no template for the nested stack ${path}/${id}`);
        walk(`${path}/${id}`, nested);
      }
    };
    walk(stack.id, stack.template);
    out.set(stack.id, found);
  }
  return out;
}

/** The logical ids a value refers to: Ref, Fn::GetAtt and the `${X}` / `${X.Attr}` of Fn::Sub. */
function referencesIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach(v => referencesIn(v, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'Ref' && typeof v === 'string') {into.add(v);} else if (k === 'Fn::GetAtt') {into.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]);} else if (k === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!][^}.]*)/g)) into.add(m[1]);
        referencesIn(v, into);
      } else {referencesIn(v, into);}
    }
  }
}

interface Node {
  readonly key: string;
  readonly type: string;
  /** The nested stack node this resource belongs to, or undefined at the top. */
  readonly parent?: Node;
  readonly deps: Node[];
  readonly children: Node[];
  started: boolean;
  done: boolean;
}

/** The result of a simulated deploy of one top-level stack. */
export interface Simulation {
  /** The most AWS::Connect::User creations in flight in any one step. */
  readonly maxInFlight: number;
  /** Steps until every user is created. */
  readonly steps: number;
  readonly users: number;
}

/** Simulates the first deploy of one top-level stack (with its nested stacks) of the assembly. */
export function simulateDeploy(dir: string, stackId: string): Simulation {
  const templates = templatesOfAssembly(dir).get(stackId);
  if (templates === undefined) throw new Error(`no stack ${stackId} in ${dir}`);
  const byPath = new Map(templates.map(t => [t.path, t.template]));
  const all: Node[] = [];
  const build = (path: string, parent: Node | undefined): Node[] => {
    const template = byPath.get(path)!;
    const nodes = new Map<string, Node>();
    for (const [id, r] of Object.entries(template.Resources ?? {})) {
      const node: Node = { key: `${path}/${id}`, type: r.Type, parent, deps: [], children: [], started: false, done: false };
      nodes.set(id, node);
      all.push(node);
    }
    for (const [id, r] of Object.entries(template.Resources ?? {})) {
      const refs = new Set<string>();
      const dependsOn = (r as { DependsOn?: string | string[] }).DependsOn;
      for (const d of dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn]) refs.add(d);
      referencesIn(r.Properties ?? {}, refs);
      const node = nodes.get(id)!;
      for (const ref of refs) {
        const target = nodes.get(ref);
        if (target !== undefined && target !== node) node.deps.push(target);
      }
      if (r.Type === 'AWS::CloudFormation::Stack') node.children.push(...build(`${path}/${id}`, node));
    }
    return [...nodes.values()];
  };
  build(stackId, undefined);
  const users = all.filter(n => n.type === 'AWS::Connect::User');
  let maxInFlight = 0;
  let steps = 0;
  const maxSteps = all.length + 1;
  while (users.some(u => !u.done)) {
    if (++steps > maxSteps) throw new Error('the dependency graph never completes (a cycle?)');
    // Everything that takes no time, until nothing changes; then every user whose dependencies are done starts.
    let changed = true;
    while (changed) {
      changed = false;
      for (const n of all) {
        if (n.done) continue;
        const ready = (n.parent === undefined || n.parent.started) && n.deps.every(d => d.done);
        if (n.type === 'AWS::CloudFormation::Stack') {
          if (!n.started && ready) n.started = changed = true;
          if (n.started && n.children.every(c => c.done)) n.done = changed = true;
        } else if (n.type !== 'AWS::Connect::User' && ready) {
          n.done = changed = true;
        }
      }
    }
    const starting = users.filter(u => !u.done && (u.parent === undefined || u.parent.started) && u.deps.every(d => d.done));
    if (starting.length === 0) throw new Error('no user can start: the dependency graph never completes (a cycle?)');
    maxInFlight = Math.max(maxInFlight, starting.length);
    for (const u of starting) u.done = true;
  }
  return { maxInFlight, steps, users: users.length };
}
