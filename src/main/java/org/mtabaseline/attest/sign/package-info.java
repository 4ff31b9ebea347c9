/**
 * DSSE envelopes signed with Ed25519 (JDK crypto): PAE, keys (PEM, JWK, key ids), the key ring with rotation.
 * Knows nothing of assets, evaluations or storage.
 */
package org.mtabaseline.attest.sign;
