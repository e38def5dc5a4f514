package dev.spotburst.cli;

import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.hostlist.HostlistSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** {@code spotburst hostlist expand|compress}: Slurm hostlist expressions, as scontrol prints them. */
@Command(name = "hostlist", mixinStandardHelpOptions = true,
        description = "Expand or compress Slurm hostlist expressions.",
        subcommands = {HostlistCommand.Expand.class, HostlistCommand.Compress.class})
final class HostlistCommand {

    @Command(name = "expand", mixinStandardHelpOptions = true,
            description = "Print one host name per line, like 'scontrol show hostnames'.")
    static final class Expand implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "EXPR", description = "Hostlist expressions, e.g. batch-spot-[0-3,7].")
        List<String> expressions;

        @Override
        public void run() {
            var out = spec.commandLine().getOut();
            for (String e : expressions) {
                for (String host : parse(e)) {
                    out.println(host);
                }
            }
            out.flush();
        }
    }

    @Command(name = "compress", mixinStandardHelpOptions = true,
            description = "Print the compressed hostlist exactly as 'scontrol show hostlist' (Slurm 22.05) does: "
                    + "input order and duplicates kept, neighbours merged.")
    static final class Compress implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--sorted", description = "Sort and drop duplicates first (libslurm's hostlist_uniq, the "
                + "form slurmctld prints node sets in): the shortest expression for the set of names.")
        boolean sorted;

        @Parameters(arity = "1..*", paramLabel = "EXPR", description = "Host names or hostlist expressions.")
        List<String> expressions;

        @Override
        public void run() {
            var all = new ArrayList<String>();
            for (String e : expressions) {
                all.addAll(parse(e));
            }
            spec.commandLine().getOut().println(sorted ? Hostlist.compress(all) : Hostlist.compressInOrder(all));
            spec.commandLine().getOut().flush();
        }
    }

    private static List<String> parse(String expression) {
        try {
            return Hostlist.expand(expression);
        } catch (HostlistSyntaxException e) {
            throw new InvalidInputException("spotburst: " + e.getMessage());
        }
    }
}
