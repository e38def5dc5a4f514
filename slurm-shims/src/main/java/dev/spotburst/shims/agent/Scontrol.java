package dev.spotburst.shims.agent;

import java.util.List;

/** Runs scontrol with the given arguments (port; {@link ScontrolRunner} is the process-backed one). */
public interface Scontrol {

    ProcessResult run(List<String> args);
}
