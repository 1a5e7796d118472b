package org.zkml4j.dl4j;

/**
 * A Deeplearning4j network that cannot be expressed as a zkml4j {@code ModelGraph}: an unsupported
 * layer, activation, preprocessor or graph shape.
 *
 * <p>The message names the layer (its index in the chain and its class, plus the vertex name for a
 * {@code ComputationGraph}) and lists what is supported, for example
 * {@code layer 2 (ConvolutionLayer) is not supported; supported: DenseLayer, OutputLayer,
 * ActivationLayer, DropoutLayer, BatchNormalization}. It never contains weight values.
 */
public final class UnsupportedModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public UnsupportedModelException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public UnsupportedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
