package dev.spotburst.functions.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory region: removal calls change state at once; each call is recorded in order. */
final class MemoryCleanupEc2 implements CleanupEc2 {
    final Map<String, String> requests = new LinkedHashMap<>();
    final Map<String, String[]> fleets = new LinkedHashMap<>();
    final Map<String, String> instances = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException failNextTerminate;

    @Override
    public CleanupSnapshot snapshot(String tagKey, String cluster) {
        calls.add("snapshot");
        return new CleanupSnapshot(
                requests.entrySet().stream().map(e -> new CleanupSnapshot.SpotRequest(e.getKey(), e.getValue())).toList(),
                fleets.entrySet().stream().map(e -> new CleanupSnapshot.Fleet(e.getKey(), e.getValue()[0], e.getValue()[1])).toList(),
                instances.entrySet().stream().filter(e -> !e.getValue().equals("terminated"))
                        .map(e -> new CleanupSnapshot.Instance(e.getKey(), e.getValue())).toList(), false);
    }

    @Override
    public void cancelSpotRequests(List<String> ids) {
        calls.add("cancel " + ids);
        ids.forEach(id -> requests.put(id, "cancelled"));
    }

    @Override
    public void deleteFleets(List<String> ids) {
        calls.add("deleteFleets " + ids);
        ids.forEach(id -> fleets.get(id)[1] = "deleted_terminating");
    }

    @Override
    public void terminateInstances(List<String> ids) {
        calls.add("terminate " + ids);
        if (failNextTerminate != null) {
            var e = failNextTerminate;
            failNextTerminate = null;
            throw e;
        }
        ids.forEach(id -> instances.put(id, "shutting-down"));
    }

    /** EC2 finishes shutting instances down. */
    void finishShutdowns() {
        instances.replaceAll((id, st) -> st.equals("shutting-down") ? "terminated" : st);
    }
}
