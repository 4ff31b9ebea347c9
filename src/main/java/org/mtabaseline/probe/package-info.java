/**
 * The live SMTP probe: scope and rate limits, the relay test battery, STARTTLS/AUTH/VRFY/EXPN/banner evidence and transcripts.
 * Never decides pass/fail and knows nothing of policies or storage.
 */
package org.mtabaseline.probe;
