package dev.spotburst.functions.arch;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Modules point inward: decisions and ports never see the AWS SDK or the Lambda types. */
class ArchitectureTest {
    static final String[] CORE = {
            "dev.spotburst.functions.launch..", "dev.spotburst.functions.resume..", "dev.spotburst.functions.suspend..",
            "dev.spotburst.functions.reconcile..", "dev.spotburst.functions.requests..", "dev.spotburst.functions.slurm..",
            "dev.spotburst.functions.workflow..", "dev.spotburst.functions.ec2events..", "dev.spotburst.functions.state",
            "dev.spotburst.functions.hibernation..", "dev.spotburst.functions.capacity..",
            // cleanup.aws is its adapter; the planner and its ports above it are core
            "dev.spotburst.functions.cleanup"};

    final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.spotburst.functions");

    @Test
    void coreHasNoAwsSdk() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..").check(classes);
    }

    @Test
    void coreDoesNotDependOnAdaptersOrHandlers() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("dev.spotburst.functions.ec2..", "dev.spotburst.functions.sqs..",
                        "dev.spotburst.functions.state.dynamo..", "dev.spotburst.functions.handlers..",
                        "dev.spotburst.functions.aws..").check(classes);
    }
}
