package org.zkml4j.backend.sumcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zkml4j.backend.field.Ext;

/** Random sumcheck instances and a brute-force reference sum. */
final class Fixtures {
    enum Kind { BASE, EXT, MIXED }

    private Fixtures() {}

    /** A random table stored as base or interleaved extension, plus its values as Ext. */
    record Table(long[] data, boolean base, Ext[] values) {}

    static Table table(int n, boolean base, Random rng) {
        int size = 1 << n;
        Ext[] v = new Ext[size];
        long[] data = new long[base ? size : 2 * size];
        for (int i = 0; i < size; i++) {
            v[i] = base ? Ext.base(Ext.randomBase(rng)) : Ext.random(rng);
            if (base) {
                data[i] = v[i].c0();
            } else {
                v[i].set(data, i);
            }
        }
        return new Table(data, base, v);
    }

    /** An instance of the given degree: terms of sizes 1..degree (one of each, plus a full one). */
    static Built instance(int n, int degree, Kind kind, Random rng) {
        int numTables = degree + 1;
        List<Table> tables = new ArrayList<>();
        SumcheckInstance.Builder b = SumcheckInstance.builder();
        for (int j = 0; j < numTables; j++) {
            boolean base = switch (kind) {
                case BASE -> true;
                case EXT -> false;
                case MIXED -> j % 2 == 0;
            };
            Table t = table(n, base, rng);
            tables.add(t);
            if (base) {
                b.addBaseTable(t.data());
            } else {
                b.addExtTable(t.data());
            }
        }
        List<int[]> terms = new ArrayList<>();
        // one term of each size up to degree, covering every table
        for (int s = 1; s <= degree; s++) {
            int[] ids = new int[s];
            for (int k = 0; k < s; k++) {
                ids[k] = (s + k) % numTables;
            }
            terms.add(ids);
        }
        terms.add(new int[] {numTables - 1});
        int[] all = new int[degree];
        for (int k = 0; k < degree; k++) {
            all[k] = k;
        }
        terms.add(all);
        List<Ext> coeffs = new ArrayList<>();
        for (int[] ids : terms) {
            Ext c = Ext.random(rng);
            coeffs.add(c);
            b.addTerm(c, ids);
        }
        return new Built(b.build(), tables, terms, coeffs);
    }

    record Built(SumcheckInstance instance, List<Table> tables, List<int[]> terms, List<Ext> coeffs) {
        /** Σ_x Σ_t c_t Π f_j(x) with Ext arithmetic. */
        Ext bruteSum() {
            int size = 1 << instance.numVars();
            Ext s = Ext.ZERO;
            for (int x = 0; x < size; x++) {
                for (int t = 0; t < terms.size(); t++) {
                    Ext p = coeffs.get(t);
                    for (int id : terms.get(t)) {
                        p = p.mul(tables.get(id).values()[x]);
                    }
                    s = s.add(p);
                }
            }
            return s;
        }

        /** Multilinear extension of table j at r, as a reference. */
        Ext mle(int j, Ext[] r) {
            Table t = tables.get(j);
            return t.base() ? org.zkml4j.backend.poly.Multilinear.evaluate(t.data(), r)
                    : org.zkml4j.backend.poly.Multilinear.evaluateExt(t.data(), r);
        }
    }

    static Ext plusOne(Ext e) {
        return e.add(Ext.ONE);
    }
}
