package dev.spotburst.cli;

import dev.spotburst.config.ConfigProblem;
import dev.spotburst.config.ConfigResult;
import dev.spotburst.slurmconf.SlurmConfGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code spotburst config validate|slurm-conf}: check the plugin-format files and generate slurm.conf lines. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Validate partitions.json / config.json and generate the slurm.conf fragment.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.SlurmConf.class})
final class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Report every problem in the configuration at once (exit 2 when there are errors).")
    static final class Validate implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigFiles files;

        @picocli.CommandLine.Option(names = "--check-aws",
                description = "Also check what only EC2 can tell (launch templates of hibernating groups: hibernation "
                        + "enabled, encrypted root volume large enough for the RAM). Uses the AWS credentials and "
                        + "endpoint from the environment (AWS_ENDPOINT_URL honoured).")
        boolean checkAws;

        @Override
        public void run() {
            ConfigResult loaded = files.load(spec.commandLine().getErr());
            ConfigResult result = checkAws && loaded.ok()
                    ? AwsConfigChecks.withEc2Checks(loaded, files.catalog()) : loaded;
            report(result, spec.commandLine().getErr());
            if (!result.ok()) {
                throw new InvalidInputException(summary(result));
            }
            var out = spec.commandLine().getOut();
            var config = result.config();
            out.printf("ok: %d partition(s), %d node group(s), %d node(s); %d warning(s)%n",
                    config.partitions().size(), config.nodeGroups().count(),
                    config.nodeGroups().mapToLong(g -> g.maxNodes()).sum(), result.warnings().size());
            out.flush();
        }
    }

    @Command(name = "slurm-conf", mixinStandardHelpOptions = true,
            description = "Print the slurm.conf fragment to append to slurm.conf (exit 2 when the config is invalid).")
    static final class SlurmConf implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigFiles files;

        @Override
        public void run() {
            ConfigResult result = files.load(spec.commandLine().getErr());
            report(result, spec.commandLine().getErr());
            if (!result.ok()) {
                throw new InvalidInputException(summary(result));
            }
            var out = spec.commandLine().getOut();
            out.print(SlurmConfGenerator.generate(result.config(), files.catalog()));
            out.flush();
        }
    }

    private static void report(ConfigResult result, PrintWriter err) {
        for (ConfigProblem p : result.problems()) {
            err.println(p);
        }
        err.flush();
    }

    private static String summary(ConfigResult result) {
        return "spotburst: configuration has " + result.errors().size() + " error(s); nothing generated";
    }
}
