import type { onnx as Onnx } from 'onnx-proto';

/**
 * Encodes a minimal BERT-shaped ONNX graph for tests: each token's vector is a fixed, seeded random row
 * of an embedding table (plus a token-type row), squashed with tanh and zeroed where the attention mask
 * is 0. Same word → same vector, different words → different vectors, which is all the dense path needs
 * to be exercised end to end without the real 118 MB model.
 */

export interface TinyGraphOptions {
  vocabSize: number;
  dimensions: number;
  seed: number;
}

/** mulberry32: tiny, deterministic, good enough for test weights. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussianTable(rows: number, columns: number, scale: number, random: () => number): Float32Array {
  const table = new Float32Array(rows * columns);
  for (let i = 0; i < table.length; i++) {
    // Box–Muller; 1 - random() keeps log() away from 0.
    table[i] = scale * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  }
  return table;
}

function littleEndianBytes(array: Float32Array | BigInt64Array): Uint8Array {
  const bytes = new Uint8Array(array.byteLength);
  const view = new DataView(bytes.buffer);
  array.forEach((value: number | bigint, i: number) => {
    if (typeof value === 'bigint') view.setBigInt64(i * 8, value, true);
    else view.setFloat32(i * 4, value, true);
  });
  return bytes;
}

/** onnx-proto is a dev dependency: loaded only when a tiny model is actually written (tests, make-tiny). */
export async function encodeTinyBertOnnx(options: TinyGraphOptions): Promise<Uint8Array> {
  const { onnx } = (await import('onnx-proto')).default;
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const random = seededRandom(options.seed);
  const { vocabSize, dimensions } = options;

  const tensor = (name: string, dataType: number, dims: number[], data: Float32Array | BigInt64Array) =>
    onnx.TensorProto.create({ name, dataType, dims, rawData: littleEndianBytes(data) });
  const valueInfo = (name: string, elemType: number, shape: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
        },
      },
    });
  const intAttribute = (name: string, value: number) =>
    onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
  const node = (opType: string, inputs: string[], output: string, attribute: Onnx.IAttributeProto[] = []) =>
    onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute });

  const graph = onnx.GraphProto.create({
    name: 'svar_tiny_e5',
    initializer: [
      tensor(
        'word_embeddings',
        FLOAT,
        [vocabSize, dimensions],
        gaussianTable(vocabSize, dimensions, 0.6, random),
      ),
      tensor('token_type_embeddings', FLOAT, [2, dimensions], gaussianTable(2, dimensions, 0.05, random)),
      tensor('mask_axes', INT64, [1], BigInt64Array.of(2n)),
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], 'words', [intAttribute('axis', 0)]),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], 'types', [intAttribute('axis', 0)]),
      node('Add', ['words', 'types'], 'summed'),
      node('Tanh', ['summed'], 'activated'),
      node('Cast', ['attention_mask'], 'mask_float', [intAttribute('to', FLOAT)]),
      node('Unsqueeze', ['mask_float', 'mask_axes'], 'mask_3d'),
      node('Mul', ['activated', 'mask_3d'], 'last_hidden_state'),
    ],
    input: [
      valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length']),
      valueInfo('token_type_ids', INT64, ['batch_size', 'sequence_length']),
    ],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dimensions])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'svar',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
