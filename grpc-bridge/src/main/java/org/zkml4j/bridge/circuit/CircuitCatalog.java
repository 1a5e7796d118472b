package org.zkml4j.bridge.circuit;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zkml4j.bridge.net.BridgeException;

/** The circuits a node serves, by circuit id: zkml4j circuits and Groth16 ones. Immutable. */
public final class CircuitCatalog {
    private final Map<String, Circuit> byId;
    private final Map<String, Groth16Circuit> groth16ById;

    private CircuitCatalog(Map<String, Circuit> byId, Map<String, Groth16Circuit> groth16ById) {
        this.byId = byId;
        this.groth16ById = groth16ById;
    }

    /** A catalog of {@code circuits} (a circuit listed twice is kept once). */
    public static CircuitCatalog of(List<Circuit> circuits) {
        return of(circuits, List.of());
    }

    /** A catalog of zkml4j {@code circuits} and {@code groth16} circuits (each kept once). */
    public static CircuitCatalog of(List<Circuit> circuits, List<Groth16Circuit> groth16) {
        Map<String, Circuit> map = new LinkedHashMap<>();
        for (Circuit c : circuits) {
            map.putIfAbsent(c.idHex(), c);
        }
        Map<String, Groth16Circuit> groth16Map = new LinkedHashMap<>();
        for (Groth16Circuit c : groth16) {
            groth16Map.putIfAbsent(c.idHex(), c);
        }
        return new CircuitCatalog(Map.copyOf(map), Map.copyOf(groth16Map));
    }

    /** Every Groth16 circuit. */
    public Collection<Groth16Circuit> groth16Circuits() {
        return groth16ById.values();
    }

    /**
     * The Groth16 circuit named by {@code id}.
     *
     * @throws BridgeException INVALID_ARGUMENT for an id that is not 32 bytes, NOT_FOUND for an unknown one
     */
    public Groth16Circuit requireGroth16(ByteString id) {
        String hex = hex(id);
        Groth16Circuit c = groth16ById.get(hex);
        if (c == null) {
            throw BridgeException.notFound("unknown groth16-bn254 circuit " + hex);
        }
        return c;
    }

    /**
     * The key bytes of the circuit named by {@code id}, whichever its proof system (SHA-256 of them is the id).
     *
     * @throws BridgeException INVALID_ARGUMENT for an id that is not 32 bytes, NOT_FOUND for an unknown one
     */
    public byte[] keyBytes(ByteString id) {
        Groth16Circuit g = groth16ById.get(hex(id));
        return g != null ? g.keyJson() : require(id).key().toBytes();
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
        String hex = hex(id);
        Circuit c = byId.get(hex);
        if (c == null) {
            throw BridgeException.notFound("unknown circuit " + hex);
        }
        return c;
    }

    private static String hex(ByteString id) {
        if (id.size() != 32) {
            throw BridgeException.invalidArgument("circuit id must be 32 bytes (SHA-256 of the key), got " + id.size());
        }
        return HexFormat.of().formatHex(id.toByteArray());
    }
}
