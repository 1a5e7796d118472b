/**
 * The circuit compiler: turns a float {@link org.zkml4j.sdk.model.ModelGraph} into the exact
 * integer computation that zkml4j's proofs attest.
 *
 * <ul>
 *   <li>{@link org.zkml4j.compiler.CircuitCompiler} — the entry point: calibration
 *       ({@link org.zkml4j.compiler.Calibration}), power-of-two fixed-point quantization
 *       ({@link org.zkml4j.compiler.QuantizationOptions}, {@link org.zkml4j.compiler.FixedPoint}),
 *       static bound analysis ({@link org.zkml4j.compiler.Bounds}) and activation lookup tables;
 *       refusals are {@link org.zkml4j.compiler.CompilationException}s naming the layer and bound.</li>
 *   <li>{@link org.zkml4j.compiler.CompiledCircuit} — the immutable result: one
 *       {@link org.zkml4j.compiler.CircuitLayer} per Dense node, a canonical binary encoding and its
 *       SHA-256 circuit hash; {@link org.zkml4j.compiler.CompiledCircuit#read(byte[])} re-validates
 *       untrusted bytes ({@link org.zkml4j.compiler.CircuitFormatException});
 *       {@link org.zkml4j.compiler.CompiledCircuit#withholdParameters()} is the verifier's
 *       structure-only form, without weights and biases.</li>
 *   <li>{@link org.zkml4j.compiler.IntegerExecutor} — the reference executor; its
 *       {@link org.zkml4j.compiler.ExecutionTrace} ({@link org.zkml4j.compiler.LayerTrace} per layer)
 *       is the witness a prover commits to.</li>
 * </ul>
 *
 * <p>Every rule, with formulas, is in {@code docs/quantization.md}. The compiler knows nothing of
 * how proofs work beyond the field modulus p (Goldilocks), which its bound analysis must respect;
 * the proof backend depends on this module, not the other way round.
 */
package org.zkml4j.compiler;
