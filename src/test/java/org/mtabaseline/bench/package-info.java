/**
 * Benchmarks (JMH or plain mains), run only with the Maven profile {@code -Pbench}, never as timed unit tests.
 * Figures go into BENCHMARKS.md with the command that produced them.
 */
package org.mtabaseline.bench;
