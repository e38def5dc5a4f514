package dev.spotburst.functions.rescue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rescue decisions and workflow see ports only; the SDK stays in rescue.aws. */
class RescueArchitectureTest {
    @Test
    void rescueCoreHasNoAwsSdk() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.spotburst.functions.rescue");
        noClasses().that().resideInAPackage("dev.spotburst.functions.rescue")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..",
                        "dev.spotburst.functions.ec2..", "dev.spotburst.functions.state.dynamo..")
                .check(classes);
    }
}
