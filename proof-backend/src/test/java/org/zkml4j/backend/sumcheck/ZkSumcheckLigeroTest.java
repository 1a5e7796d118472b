package org.zkml4j.backend.sumcheck;

import org.zkml4j.backend.pcs.LigeroPcs;
import org.zkml4j.backend.pcs.PcsParameters;
import org.zkml4j.backend.pcs.PolynomialCommitment;

/** {@link ZkSumcheck} with the hiding Ligero commitment at default (100-bit) parameters. */
class ZkSumcheckLigeroTest extends ZkSumcheckContract {
    @Override
    PolynomialCommitment pcs() {
        return new LigeroPcs(PcsParameters.DEFAULT);
    }
}
