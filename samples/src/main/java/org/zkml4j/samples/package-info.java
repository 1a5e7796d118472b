/** Runnable examples and the {@code ./zkml4j} demo command. */
package org.zkml4j.samples;
