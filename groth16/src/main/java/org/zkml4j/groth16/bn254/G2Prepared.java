package org.zkml4j.groth16.bn254;

import java.util.ArrayList;
import java.util.List;

/**
 * The Miller loop's line functions for one G2 point, computed once: a verifying key's β, γ and δ
 * are prepared when the key is loaded, so a verification only walks the proof's B.
 *
 * <p>The walk keeps T in homogeneous projective coordinates on the D-type twist (Costello–Lange–
 * Naehrig formulas): every doubling and addition step yields a line ℓ = (c0, c1, c2) that the
 * loop evaluates at a G1 point P as c0·y_P + c1·x_P·w + c2·v·w.
 */
public final class G2Prepared {
    private static final Fp TWO_INVERSE = Fp.of(2).inverse();

    final Fp2[] lines;
    final boolean infinity;

    private G2Prepared(Fp2[] lines, boolean infinity) {
        this.lines = lines;
        this.infinity = infinity;
    }

    public static G2Prepared of(G2Point q) {
        if (q.isInfinity()) {
            return new G2Prepared(new Fp2[0], true);
        }
        List<Fp2> lines = new ArrayList<>();
        Walk t = new Walk(q.x, q.y, Fp2.ONE);
        byte[] loop = Pairing.LOOP;
        G2Point negQ = q.negate();
        for (int i = loop.length - 2; i >= 0; i--) {
            t.dbl(lines);
            if (loop[i] == 1) {
                t.add(q, lines);
            } else if (loop[i] == -1) {
                t.add(negQ, lines);
            }
        }
        G2Point q1 = psi(q);
        G2Point q2 = psi(q1).negate();
        t.add(q1, lines);
        t.add(q2, lines);
        return new G2Prepared(lines.toArray(new Fp2[0]), false);
    }

    private static G2Point psi(G2Point q) {
        return new G2Point(q.x.conjugate().mul(G2Jacobian.PSI_X), q.y.conjugate().mul(G2Jacobian.PSI_Y));
    }

    /** The running point T = (X : Y : Z), homogeneous. */
    private static final class Walk {
        private Fp2 x;
        private Fp2 y;
        private Fp2 z;

        Walk(Fp2 x, Fp2 y, Fp2 z) {
            this.x = x;
            this.y = y;
            this.z = z;
        }

        void dbl(List<Fp2> lines) {
            Fp2 a = x.mul(y).mul(TWO_INVERSE);
            Fp2 b = y.square();
            Fp2 c = z.square();
            Fp2 e = G2Point.B.mul(c.dbl().add(c));
            Fp2 f = e.dbl().add(e);
            Fp2 g = b.add(f).mul(TWO_INVERSE);
            Fp2 h = y.add(z).square().sub(b.add(c));
            Fp2 i = e.sub(b);
            Fp2 j = x.square();
            Fp2 eSquare = e.square();
            x = a.mul(b.sub(f));
            y = g.square().sub(eSquare.dbl().add(eSquare));
            z = b.mul(h);
            lines.add(h.neg());
            lines.add(j.dbl().add(j));
            lines.add(i);
        }

        void add(G2Point q, List<Fp2> lines) {
            Fp2 theta = y.sub(q.y.mul(z));
            Fp2 lambda = x.sub(q.x.mul(z));
            Fp2 c = theta.square();
            Fp2 d = lambda.square();
            Fp2 e = lambda.mul(d);
            Fp2 f = z.mul(c);
            Fp2 g = x.mul(d);
            Fp2 h = e.add(f).sub(g.dbl());
            x = lambda.mul(h);
            y = theta.mul(g.sub(h)).sub(e.mul(y));
            z = z.mul(e);
            lines.add(lambda);
            lines.add(theta.neg());
            lines.add(theta.mul(q.x).sub(lambda.mul(q.y)));
        }
    }
}
