package dev.spotburst;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** shared-model is the contract every module (and the head-node shims) depends on: it must stay free of AWS SDKs. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.spotburst");

    @Test
    void importsTheModelClasses() {
        // Guards against a vacuous pass if the import found nothing.
        assertThat(MAIN.contain("dev.spotburst.model.NodeName")).isTrue();
        assertThat(MAIN.contain("dev.spotburst.hostlist.Hostlist")).isTrue();
    }

    @Test
    void noAwsSdkInSharedModel() {
        noClasses().that().resideInAPackage("dev.spotburst..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .because("shared-model holds contracts and pure logic; AWS types belong in adapters")
                .check(MAIN);
    }
}
