/**
 * Collectors: turn raw MTA configuration (Postfix, Sendmail, Exim, OpenSMTPD, Exchange) into facts with file:line sources and a normalized relay model.
 * Never decides pass/fail and knows nothing of policies, HTTP or storage.
 */
package org.mtabaseline.collect;
