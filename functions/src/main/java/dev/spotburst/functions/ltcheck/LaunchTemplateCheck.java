package dev.spotburst.functions.ltcheck;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigProblem;
import dev.spotburst.config.HibernationPrerequisites;
import dev.spotburst.config.LaunchTemplateDirectory;
import dev.spotburst.config.LaunchTemplateRef;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.instancetypes.InstanceTypeCatalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The deploy-time half of the hibernation prerequisites: {@link HibernationPrerequisites#check} for the cluster's
 * config, each hibernating group's launch template looked up in the group's own region. The same problems (and the
 * same lines) as {@code spotburst config validate --check-aws}, which checks one region per run. Pure over its
 * ports: the handler wires EC2 in.
 */
public final class LaunchTemplateCheck {

    private final ClusterConfig config;
    private final Function<String, LaunchTemplateDirectory> directoryInRegion;
    private final InstanceTypeCatalog catalog;

    public LaunchTemplateCheck(ClusterConfig config, Function<String, LaunchTemplateDirectory> directoryInRegion,
                               InstanceTypeCatalog catalog) {
        this.config = config;
        this.directoryInRegion = directoryInRegion;
        this.catalog = catalog;
    }

    public String cluster() {
        return config.clusterName();
    }

    /** Errors and warnings of every hibernating group, in config order per region; empty when nothing hibernates. */
    public List<ConfigProblem> problems() {
        var regions = config.nodeGroups().filter(NodeGroupConfig::hibernates).map(NodeGroupConfig::region)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        var out = new ArrayList<ConfigProblem>();
        for (String region : regions) {
            out.addAll(problemsIn(region));
        }
        return out;
    }

    /**
     * {@link HibernationPrerequisites} checks every group against one directory, so it runs once per region with a
     * directory that only asks EC2 about this region's templates; the other regions' groups are dropped by path.
     */
    private List<ConfigProblem> problemsIn(String region) {
        Set<LaunchTemplateRef> refs = new HashSet<>();
        List<String> paths = new ArrayList<>();
        var partitions = config.partitions();
        for (int p = 0; p < partitions.size(); p++) {
            var groups = partitions.get(p).nodeGroups();
            for (int g = 0; g < groups.size(); g++) {
                NodeGroupConfig group = groups.get(g);
                if (group.hibernates() && group.region().equals(region)) {
                    refs.add(group.launchTemplate());
                    paths.add("$.Partitions[" + p + "].NodeGroups[" + g + "].LaunchTemplateSpecification");
                }
            }
        }
        LaunchTemplateDirectory ec2 = directoryInRegion.apply(region);
        LaunchTemplateDirectory scoped = ref -> refs.contains(ref) ? ec2.find(ref) : Optional.empty();
        return HibernationPrerequisites.check(config, scoped, catalog).stream()
                .filter(problem -> paths.stream().anyMatch(prefix -> problem.jsonPath().equals(prefix)
                        || problem.jsonPath().startsWith(prefix + ".")))
                .toList();
    }
}
