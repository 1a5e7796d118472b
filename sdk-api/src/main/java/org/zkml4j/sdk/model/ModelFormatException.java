package org.zkml4j.sdk.model;

import java.io.IOException;

/**
 * A model document is not a valid zkml4j model (docs/model-format.md): malformed JSON, a wrong
 * format or version, an unknown node type or function, a missing or misplaced field, a ragged or
 * mistyped array, or a model that fails {@link ModelGraph}'s validation. The message says where
 * (node index, field, JSON path) and what was expected.
 *
 * <p>A checked {@link IOException}, like {@link java.util.zip.ZipException}: reading a model
 * already throws {@code IOException}, so callers who only propagate need one {@code throws}
 * clause, and callers who report bad files catch this type first. Failures of the underlying
 * stream are plain {@code IOException}s, never this type.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the parser's or validator's exception
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
