package org.zkml4j.bridge.circuit;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zkml4j.bridge.net.BridgeException;

/** The circuits a node serves, by circuit id. Immutable. */
public final class CircuitCatalog {
    private final Map<String, Circuit> byId;

    private CircuitCatalog(Map<String, Circuit> byId) {
        this.byId = byId;
    }

    /** A catalog of {@code circuits} (a circuit listed twice is kept once). */
    public static CircuitCatalog of(List<Circuit> circuits) {
        Map<String, Circuit> map = new LinkedHashMap<>();
        for (Circuit c : circuits) {
            map.putIfAbsent(c.idHex(), c);
        }
        return new CircuitCatalog(Map.copyOf(map));
    }

    /** Every circuit. */
    public Collection<Circuit> circuits() {
        return byId.values();
    }

    /**
     * The circuit named by {@code id}.
     *
     * @throws BridgeException INVALID_ARGUMENT for an id that is not 32 bytes, NOT_FOUND for an unknown one
     */
    public Circuit require(ByteString id) {
        if (id.size() != 32) {
            throw BridgeException.invalidArgument("circuit id must be 32 bytes (SHA-256 of the key), got " + id.size());
        }
        String hex = HexFormat.of().formatHex(id.toByteArray());
        Circuit c = byId.get(hex);
        if (c == null) {
            throw BridgeException.notFound("unknown circuit " + hex);
        }
        return c;
    }
}
