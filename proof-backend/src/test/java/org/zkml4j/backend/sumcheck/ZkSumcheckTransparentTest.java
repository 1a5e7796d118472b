package org.zkml4j.backend.sumcheck;

import org.zkml4j.backend.pcs.PolynomialCommitment;

/** {@link ZkSumcheck} with a test-only transparent commitment (checks the sumcheck logic alone). */
class ZkSumcheckTransparentTest extends ZkSumcheckContract {
    @Override
    PolynomialCommitment pcs() {
        return new TransparentCommitment();
    }
}
