/**
 * The {@code ./zkml4j miner | validator | verify-remote | subnet} commands (one
 * {@link org.zkml4j.bridge.cli.CliCommand} each, gathered by {@link org.zkml4j.bridge.cli.BridgeCli}),
 * the one picocli runner of every {@code ./zkml4j} command ({@link org.zkml4j.bridge.cli.Cli}), bounded
 * file reads ({@link org.zkml4j.bridge.cli.InputFiles}) and the loopback
 * {@link org.zkml4j.bridge.cli.LocalSubnet}.
 */
package org.zkml4j.bridge.cli;
