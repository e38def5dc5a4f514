package dev.spotburst.cli;

import dev.spotburst.config.ConfigResult;
import dev.spotburst.config.HibernationPrerequisites;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.rescue.aws.Ec2LaunchTemplateDirectory;
import dev.spotburst.instancetypes.InstanceTypeCatalog;

import java.util.stream.Collectors;

/**
 * {@code config validate --check-aws}: the checks only EC2 can answer, run against the region the hibernating node
 * groups live in (credentials and endpoint from the environment, so AWS_ENDPOINT_URL points it at the emulator).
 */
final class AwsConfigChecks {
    private AwsConfigChecks() {
    }

    static ConfigResult withEc2Checks(ConfigResult loaded, InstanceTypeCatalog catalog) {
        var config = loaded.config();
        var regions = config.nodeGroups().filter(NodeGroupConfig::hibernates).map(NodeGroupConfig::region)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (regions.isEmpty()) {
            return loaded;
        }
        if (regions.size() > 1) {
            throw new InvalidInputException("spotburst: --check-aws checks one region per run; hibernating node "
                    + "groups are in " + regions);
        }
        var directory = new Ec2LaunchTemplateDirectory(new AwsClients().ec2(regions.first()), ThrottleRetry.standard());
        return loaded.withProblems(HibernationPrerequisites.check(config, directory, catalog));
    }
}
