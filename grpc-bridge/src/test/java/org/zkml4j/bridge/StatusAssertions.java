package org.zkml4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.function.Executable;

/** Asserts that a call fails with an exact gRPC status code and a description naming the cause. */
public final class StatusAssertions {
    private StatusAssertions() {}

    public static void assertStatus(Status.Code code, String fragment, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        String description = String.valueOf(e.getStatus().getDescription());
        assertEquals(code, e.getStatus().getCode(), description);
        assertTrue(description.contains(fragment), description);
    }
}
