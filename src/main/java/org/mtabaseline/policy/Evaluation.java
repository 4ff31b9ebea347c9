package org.mtabaseline.policy;

import java.util.List;

/**
 * What a {@link PolicyEngine} decided for one input: the overall verdict ("pass"/"fail"), every
 * control's result, the digest of the policy bundle that decided, and the engine (name/version).
 */
public record Evaluation(String verdict, List<ControlResult> results, String policyDigest, String engine) {
}
