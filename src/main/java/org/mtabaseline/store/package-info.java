/**
 * Entities and repositories (Hibernate ORM with Panache) and the Flyway-managed schema.
 * Holds data only; no policy decisions, no HTTP.
 */
package org.mtabaseline.store;
