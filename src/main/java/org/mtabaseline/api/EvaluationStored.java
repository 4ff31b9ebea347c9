package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.mtabaseline.store.Evaluation;

/**
 * CDI event fired synchronously inside the transaction that stores an evaluation, so an observer
 * (e.g. the attestation room) stores its own records atomically with it; throwing rolls all back.
 * {@code input} is the exact policy input that was evaluated.
 */
public record EvaluationStored(Evaluation evaluation, JsonNode input) {
}
