/**
 * The PolicyEngine interface and its embedded (in-process Rego) and OPA (remote REST) implementations, bundle loading and the control catalogue.
 * The only room that turns facts into pass/fail; knows nothing of HTTP or storage.
 */
package org.mtabaseline.policy;
