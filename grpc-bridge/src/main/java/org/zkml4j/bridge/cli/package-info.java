/**
 * The {@code ./zkml4j miner | validator | verify-remote | subnet} commands
 * ({@link org.zkml4j.bridge.cli.BridgeCli}) and the loopback {@link org.zkml4j.bridge.cli.LocalSubnet}.
 */
package org.zkml4j.bridge.cli;
