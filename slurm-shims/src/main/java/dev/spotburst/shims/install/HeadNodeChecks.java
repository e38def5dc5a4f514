package dev.spotburst.shims.install;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks of the live slurm.conf plus the spotburst fragment against what the control plane relies on (pure).
 *
 * <ul>
 *   <li>{@code SlurmdTimeout}: a hibernated node does not answer pings; after SlurmdTimeout slurmctld marks it DOWN
 *       and requeues or kills its jobs (slurm-findings §5, verified on 22.05). Hibernating groups therefore need
 *       SlurmdTimeout=0, or larger than their longest {@code MaxHibernationMinutes}. A group with
 *       MaxHibernationMinutes=0 (never rescued) can stay hibernated indefinitely: only 0 is safe for it.</li>
 *   <li>{@code PrivateData=cloud}: without it 22.05 hides powered-down cloud nodes from everyone (P3), so the agent's
 *       snapshots and scontrol updates of {@code idle~} nodes fail.</li>
 * </ul>
 */
public final class HeadNodeChecks {

    /** Slurm's default SlurmdTimeout (man slurm.conf). */
    static final int DEFAULT_SLURMD_TIMEOUT = 300;

    public record Problem(boolean error, String message) {
    }

    private HeadNodeChecks() {
    }

    /**
     * @param live      the cluster's slurm.conf as it is
     * @param fragment  the spotburst fragment about to be installed (included after the live settings)
     * @param slurmMajorMinor Slurm version as {@code [major, minor]}, e.g. {@code [22, 5]}
     */
    public static List<Problem> check(ClusterConfig config, SlurmConfFile live, SlurmConfFile fragment, int[] slurmMajorMinor,
                                      String fragmentPath) {
        List<Problem> out = new ArrayList<>();
        slurmdTimeout(config, live, fragment).ifPresent(out::add);
        privateData(live, fragment, slurmMajorMinor).ifPresent(out::add);
        boolean included = live.includes().stream().anyMatch(i -> i.equals(fragmentPath) || fragmentPath.endsWith("/" + i));
        if (!included) {
            out.add(new Problem(false, "slurm.conf does not include the spotburst fragment yet: add the line 'include "
                    + fragmentPath + "' at its end, then run 'scontrol reconfigure' (or restart slurmctld)"));
        }
        return out;
    }

    static Optional<Problem> slurmdTimeout(ClusterConfig config, SlurmConfFile live, SlurmConfFile fragment) {
        List<NodeGroupConfig> hibernating = config.nodeGroups().filter(NodeGroupConfig::hibernates).toList();
        if (hibernating.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> fromFragment = fragment.get("SlurmdTimeout");
        String raw = fromFragment.or(() -> live.get("SlurmdTimeout")).orElse(Integer.toString(DEFAULT_SLURMD_TIMEOUT));
        int timeout;
        try {
            timeout = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return Optional.of(new Problem(true, "SlurmdTimeout must be a number of seconds, got '" + raw + "'"));
        }
        if (timeout == 0) {
            return Optional.empty();
        }
        List<NodeGroupConfig> unbounded = hibernating.stream().filter(g -> g.spotburst().maxHibernationMinutes() == 0).toList();
        String why = " A hibernated node answers no pings; after SlurmdTimeout slurmctld marks it DOWN and requeues or kills"
                + " its jobs, which defeats hibernation (verified on Slurm 22.05, see docs/shims.md).";
        if (!unbounded.isEmpty()) {
            return Optional.of(new Problem(true, "SlurmdTimeout=" + timeout + " but node group(s) " + names(unbounded)
                    + " hibernate with MaxHibernationMinutes=0 (no limit): set SlurmdTimeout=0 in config.json SlurmConf,"
                    + " or give them a MaxHibernationMinutes." + why));
        }
        int longest = hibernating.stream().mapToInt(g -> g.spotburst().maxHibernationMinutes()).max().orElse(0);
        if (timeout <= longest * 60) {
            return Optional.of(new Problem(true, "SlurmdTimeout=" + timeout + " s is not larger than the longest"
                    + " MaxHibernationMinutes of hibernating groups " + names(hibernating) + " (" + longest + " min = "
                    + longest * 60 + " s): set SlurmdTimeout=0 or above " + longest * 60 + "." + why));
        }
        return Optional.empty();
    }

    static Optional<Problem> privateData(SlurmConfFile live, SlurmConfFile fragment, int[] version) {
        boolean before2302 = version[0] < 23 || (version[0] == 23 && version[1] < 2);
        if (!before2302) {
            return Optional.empty();
        }
        String value = fragment.get("PrivateData").or(() -> live.get("PrivateData")).orElse("");
        boolean cloud = Arrays.stream(value.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).anyMatch("cloud"::equals);
        return cloud ? Optional.empty() : Optional.of(new Problem(true, "PrivateData does not contain 'cloud' (got '"
                + value + "'): Slurm " + version[0] + "." + String.format("%02d", version[1]) + " then hides powered-down"
                + " cloud nodes from everyone, root included (sinfo shows 'n/a', scontrol says 'not found'). Add"
                + " PrivateData=cloud to config.json SlurmConf."));
    }

    private static String names(List<NodeGroupConfig> groups) {
        return String.join(", ", groups.stream().map(g -> g.id().toString()).toList());
    }
}
