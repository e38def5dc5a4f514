package dev.spotburst.localslurm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmJobTest {

    @Test
    void parsesRunningJobWithoutConfusingReqNodeList() {
        var j = SlurmJob.parse("JobId=2 JobName=job-1.sh UserId=root(0) GroupId=root(0) Priority=1 JobState=RUNNING "
                + "Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 ReqNodeList=aws-cpu-1 "
                + "ExcNodeList=(null) NodeList=aws-cpu-1 BatchHost=aws-cpu-1 NumNodes=1");
        assertThat(j.id()).isEqualTo(2);
        assertThat(j.state()).isEqualTo("RUNNING");
        assertThat(j.nodeList()).isEqualTo("aws-cpu-1");
        assertThat(j.isFinished()).isFalse();
        assertThat(j.compact()).isEqualTo("RUNNING@aws-cpu-1");
    }

    @Test
    void pendingRequeuedJobShowsReasonAndRestarts() {
        var j = SlurmJob.parse("JobId=7 JobState=PENDING Reason=BeginTime Restarts=1 NodeList=(null)");
        assertThat(j.nodeList()).isEmpty();
        assertThat(j.compact()).isEqualTo("PENDING(BeginTime) restarts=1");
    }

    @Test
    void finishedStates() {
        assertThat(SlurmJob.parse("JobId=1 JobState=COMPLETED").isFinished()).isTrue();
        assertThat(SlurmJob.parse("JobId=1 JobState=NODE_FAIL").isFinished()).isTrue();
        assertThat(SlurmJob.parse("JobId=1 JobState=CONFIGURING").isFinished()).isFalse();
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> SlurmJob.parse("slurm_load_jobs error: Invalid job id specified"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid job id");
    }
}
