import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
export type Graph = InstanceType<typeof HierarchicalNSW>;

/** hnswlib defaults that give near-exact recall at FAQ-sized collections. */
const M = 16;
const EF_CONSTRUCTION = 100;
const RANDOM_SEED = 100;
/** Spare capacity so a few added passages do not force a resize on every rebuild. */
const HEADROOM = 1.25;

export function createGraph(dimensions: number, capacity: number): Graph {
  const graph = new HierarchicalNSW('cosine', dimensions);
  graph.initIndex({
    maxElements: Math.max(16, Math.ceil(capacity * HEADROOM)),
    m: M,
    efConstruction: EF_CONSTRUCTION,
    randomSeed: RANDOM_SEED,
    // Slots of deleted passages are reused by new ones, so incremental rebuilds do not grow the graph.
    allowReplaceDeleted: true,
  });
  return graph;
}

export function readGraph(path: string, dimensions: number): Graph {
  const graph = new HierarchicalNSW('cosine', dimensions);
  graph.readIndexSync(path, true);
  return graph;
}

export function ensureCapacity(graph: Graph, additional: number): void {
  const needed = graph.getCurrentCount() + additional;
  if (needed > graph.getMaxElements()) graph.resizeIndex(Math.ceil(needed * HEADROOM));
}

export function addVector(graph: Graph, vector: Float32Array, label: number): void {
  graph.addPoint(Array.from(vector), label, true);
}
