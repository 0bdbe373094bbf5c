package dev.oms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps functions/domain free of AWS, Lambda and Jackson types (ARCHITECTURE.md sections 1 and 8). */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oms");
    }

    @Test
    void theProductionClassesAreImported() {
        // guards the rules below against passing vacuously on an empty import
        assertThat(classes.contain("dev.oms.domain.order.Order")).isTrue();
        assertThat(classes.contain("dev.oms.app.OrderService")).isTrue();
        assertThat(classes.contain("dev.oms.domain.money.Money")).isTrue();
        assertThat(classes.contain("dev.oms.ArchitectureTest")).isFalse();
        assertThat(classes.contain("dev.oms.domain.order.OrderMother")).isFalse();
    }

    @Test
    void domainAndUseCasesDoNotDependOnAwsOrJackson() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.oms.domain..", "dev.oms.app..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.fasterxml..")
                .because("the domain and its use cases are plain Java; adapters live in platform and the functions");
        rule.check(classes);
    }

    @Test
    void domainDoesNotDependOnUseCases() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.oms.domain..")
                .should().dependOnClassesThat().resideInAPackage("dev.oms.app..")
                .because("use cases depend on the domain, never the other way round");
        rule.check(classes);
    }
}
