/**
 * Transport: Netty servers with limits ({@link org.zkml4j.bridge.net.NodeServer}), client channels,
 * TLS with self-signed pinned certificates, and the one mapping of failures to gRPC status codes
 * ({@link org.zkml4j.bridge.net.BridgeException}).
 */
package org.zkml4j.bridge.net;
