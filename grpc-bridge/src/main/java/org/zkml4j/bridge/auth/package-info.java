/**
 * Signed requests: Ed25519 {@link org.zkml4j.bridge.auth.Hotkey hotkeys}, the
 * {@link org.zkml4j.bridge.auth.SignedRequest signature headers}, the client-side
 * {@link org.zkml4j.bridge.auth.RequestSigner} and the server-side
 * {@link org.zkml4j.bridge.auth.RequestAuthenticator} (key policy, timestamp skew, bounded replay
 * window, per-key rate limit).
 */
package org.zkml4j.bridge.auth;
