/**
 * Period exports for auditors and people: OSCAL assessment-results JSON, CSV and an HTML report,
 * rendered from plain records; knows nothing of storage or HTTP.
 */
package org.mtabaseline.attest.report;
