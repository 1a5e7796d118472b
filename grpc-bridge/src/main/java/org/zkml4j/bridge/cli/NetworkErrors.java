package org.zkml4j.bridge.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in one line why a call to a node failed: connection refused, an unknown host, TLS spoken to
 * a plaintext node (or the reverse), a certificate that is not the pinned one, a deadline — instead
 * of gRPC's "UNAVAILABLE: io exception".
 */
final class NetworkErrors {
    private NetworkErrors() {}

    static String describe(StatusRuntimeException e) {
        Status status = e.getStatus();
        String causes = causes(e).toLowerCase(Locale.ROOT);
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "the node did not answer within the deadline (raise --deadline-ms, or check the node is not "
                    + "overloaded)";
        }
        if (has(e, ConnectException.class) || causes.contains("connection refused")) {
            return "connection refused: no node listens at that host and port";
        }
        if (has(e, UnknownHostException.class)) {
            return "unknown host: " + first(e, UnknownHostException.class).getMessage();
        }
        if (causes.contains("not an ssl/tls record") || causes.contains("unsupported or unrecognized ssl message")) {
            return "the node speaks plaintext but TLS was asked for (drop --tls-ca, or start the node with --tls-dir)";
        }
        if (causes.contains("pkix") || causes.contains("certificate")) {
            return "the node's TLS certificate is not the pinned one (check --tls-ca is that node's node.crt)";
        }
        if (has(e, SSLException.class)) {
            return "TLS handshake failed: " + first(e, SSLException.class).getMessage();
        }
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            return "the node is unavailable or closed the connection (a TLS node reached in plaintext? give --tls-ca)"
                    + (status.getDescription() == null ? "" : ": " + status.getDescription());
        }
        return "remote call failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return first(e, type) != null;
    }

    private static Throwable first(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
