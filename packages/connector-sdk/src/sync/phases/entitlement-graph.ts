/** How grants flow along one edge of the entitlement graph. */
export interface EdgeRule {
  /** Only grants the holder got directly flow on. */
  shallow: boolean;
  /** Only principals of these types flow on; empty means every type. */
  resourceTypeIds: string[];
}

/**
 * The entitlement graph of grant expansion: an edge S -> E means holders of S also get E.
 * It holds entitlement ids and edge rules only, never grants.
 */
export class EntitlementGraph {
  /** Source -> destination -> rule. */
  readonly edges = new Map<string, Map<string, EdgeRule>>();

  /** Adds an edge; edges added twice flow whatever either rule lets through. */
  addEdge(source: string, destination: string, rule: EdgeRule): void {
    if (source === destination) return;
    let out = this.edges.get(source);
    if (!out) this.edges.set(source, (out = new Map()));
    const existing = out.get(destination);
    if (!existing) {
      out.set(destination, { shallow: rule.shallow, resourceTypeIds: [...rule.resourceTypeIds] });
      return;
    }
    existing.shallow &&= rule.shallow;
    existing.resourceTypeIds =
      existing.resourceTypeIds.length === 0 || rule.resourceTypeIds.length === 0
        ? []
        : [...new Set([...existing.resourceTypeIds, ...rule.resourceTypeIds])];
  }

  /** Every entitlement id on an edge. */
  nodes(): string[] {
    const all = new Set<string>();
    for (const [source, out] of this.edges) {
      all.add(source);
      for (const destination of out.keys()) all.add(destination);
    }
    return [...all];
  }

  /**
   * The strongly connected components (cycles collapsed to one node), sources first: every
   * edge between two components goes from an earlier one to a later one.
   */
  components(): string[][] {
    const index = new Map<string, number>();
    const lowLink = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const found: string[][] = [];
    let counter = 0;
    for (const root of this.nodes()) {
      if (index.has(root)) continue;
      // Iterative Tarjan: each frame is a node and the iterator over its successors.
      const work: { node: string; successors: Iterator<string> }[] = [];
      const visit = (node: string): void => {
        index.set(node, counter);
        lowLink.set(node, counter);
        counter++;
        stack.push(node);
        onStack.add(node);
        work.push({ node, successors: (this.edges.get(node)?.keys() ?? [].values())[Symbol.iterator]() });
      };
      visit(root);
      while (work.length > 0) {
        const frame = work[work.length - 1]!;
        const step = frame.successors.next();
        if (!step.done) {
          const next = step.value;
          if (!index.has(next)) visit(next);
          else if (onStack.has(next)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(next)!));
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
        if (lowLink.get(frame.node) === index.get(frame.node)) {
          const component: string[] = [];
          let member: string;
          do {
            member = stack.pop()!;
            onStack.delete(member);
            component.push(member);
          } while (member !== frame.node);
          found.push(component);
        }
      }
    }
    return found.reverse();
  }
}
