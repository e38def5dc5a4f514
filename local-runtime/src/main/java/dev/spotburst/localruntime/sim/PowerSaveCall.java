package dev.spotburst.localruntime.sim;

import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.model.NodeName;

import java.util.List;

/** One call of ResumeProgram, SuspendProgram or ResumeFailProgram that slurmctld makes, with its jobs for resume. */
public record PowerSaveCall(PowerSaveRequest.Kind kind, String hostlist, List<NodeName> nodes,
                            List<PowerSaveRequest.JobNodes> jobs) {
    public PowerSaveCall {
        nodes = List.copyOf(nodes);
        jobs = List.copyOf(jobs);
    }
}
