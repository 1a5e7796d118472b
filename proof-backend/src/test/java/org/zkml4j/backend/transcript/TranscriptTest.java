package org.zkml4j.backend.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zkml4j.backend.field.Ext;
import org.zkml4j.backend.field.Goldilocks;

class TranscriptTest {
    static Transcript with(String domain, String label, byte[] data) {
        Transcript t = new Transcript(domain);
        t.absorb(label, data);
        return t;
    }

    @Test
    void challenge_deterministicForSameHistory() {
        Ext a = with("d", "m", new byte[] {1, 2, 3}).challengeExt("c");
        Ext b = with("d", "m", new byte[] {1, 2, 3}).challengeExt("c");
        assertEquals(a, b);
    }

    @Test
    void challenge_changesWithDomainLabelDataOrChallengeLabel() {
        Ext base = with("d", "m", new byte[] {1, 2, 3}).challengeExt("c");
        assertNotEquals(base, with("e", "m", new byte[] {1, 2, 3}).challengeExt("c"));
        assertNotEquals(base, with("d", "n", new byte[] {1, 2, 3}).challengeExt("c"));
        assertNotEquals(base, with("d", "m", new byte[] {1, 2, 4}).challengeExt("c"));
        assertNotEquals(base, with("d", "m", new byte[] {1, 2, 3}).challengeExt("x"));
    }

    @Test
    void absorb_framingPreventsResplitting() {
        Transcript a = new Transcript("d");
        a.absorb("m", new byte[] {1, 2});
        a.absorb("m", new byte[] {3});
        Transcript b = new Transcript("d");
        b.absorb("m", new byte[] {1});
        b.absorb("m", new byte[] {2, 3});
        assertNotEquals(a.challengeExt("c"), b.challengeExt("c"));
    }

    @Test
    void challenge_successiveChallengesDiffer() {
        Transcript t = new Transcript("d");
        Set<Ext> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertTrue(seen.add(t.challengeExt("c")));
        }
        Ext[] many = t.challengeExts("v", 50);
        for (Ext e : many) {
            assertTrue(seen.add(e));
            assertTrue(Goldilocks.isCanonical(e.c0()) && Goldilocks.isCanonical(e.c1()));
        }
    }

    @Test
    void challengeIndices_inRangeAndRoughlyUniform() {
        Transcript t = new Transcript("d");
        int[] counts = new int[10];
        for (int i : t.challengeIndices("q", 10_000, 10)) {
            counts[i]++;
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, "bucket count " + c);
        }
        assertThrows(IllegalArgumentException.class, () -> t.challengeIndices("q", 1, 0));
    }

    @Test
    void absorbFieldsAndExts_bindValues() {
        Transcript a = new Transcript("d");
        a.absorbFields("f", new long[] {1, 2});
        Transcript b = new Transcript("d");
        b.absorbFields("f", new long[] {1, 3});
        assertNotEquals(a.challengeExt("c"), b.challengeExt("c"));
        Transcript x = new Transcript("d");
        x.absorbExts("e", Ext.of(1, 2));
        Transcript y = new Transcript("d");
        y.absorbExts("e", Ext.of(2, 1));
        assertNotEquals(x.challengeExt("c"), y.challengeExt("c"));
    }
}
