package dev.spotburst.shims.agent;

/** What one scontrol call returned. {@code timedOut} means it was killed; rc is then meaningless. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public ProcessResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public static ProcessResult ok(String stdout) {
        return new ProcessResult(0, stdout, "", false);
    }

    public static ProcessResult failed(int rc, String stderr) {
        return new ProcessResult(rc, "", stderr, false);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** stderr and stdout joined, trimmed: scontrol prints its errors on stderr ("scontrol: error: …"). */
    public String text() {
        return (stderr.strip() + "\n" + stdout.strip()).strip();
    }
}
