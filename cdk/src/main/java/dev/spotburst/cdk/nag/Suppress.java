package dev.spotburst.cdk.nag;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.constructs.IConstruct;

import java.util.List;

/**
 * Resource-level cdk-nag suppressions. Each one names the rule, the exact findings it covers ({@code appliesTo})
 * and why; nothing is suppressed stack-wide.
 */
public final class Suppress {

    private Suppress() {
    }

    public static void rule(IConstruct resource, String ruleId, String reason, List<String> appliesTo) {
        var b = NagPackSuppression.builder().id(ruleId).reason(reason);
        if (!appliesTo.isEmpty()) {
            b.appliesTo(List.copyOf(appliesTo));
        }
        NagSuppressions.addResourceSuppressions(resource, List.of(b.build()), true);
    }

    public static void rule(IConstruct resource, String ruleId, String reason) {
        rule(resource, ruleId, reason, List.of());
    }
}
