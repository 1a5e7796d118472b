/**
 * The public verification service and the node that serves it
 * ({@link org.zkml4j.bridge.verify.VerifierNode}): anyone submits a proof, gets a verdict and a reason.
 */
package org.zkml4j.bridge.verify;
