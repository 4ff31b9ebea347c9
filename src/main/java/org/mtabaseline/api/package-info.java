/**
 * REST resources, the Kubernetes admission webhook and the RFC 7807 error mapping.
 * Translates HTTP to service calls and back; parses no config and decides nothing.
 */
package org.mtabaseline.api;
