/**
 * Attestations: in-toto statements in signed DSSE envelopes, the per-asset hash chain, exports (JSON, OSCAL, CSV, HTML) and the monthly run.
 * Consumes policy results; does not parse configs or talk SMTP.
 */
package org.mtabaseline.attest;
