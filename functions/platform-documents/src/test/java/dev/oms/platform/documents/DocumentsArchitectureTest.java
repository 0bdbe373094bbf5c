package dev.oms.platform.documents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The documents package is plain Java and PDFBox: no AWS, Lambda, Jackson or other OMS adapters. */
class DocumentsArchitectureTest {

    @Test
    void dependsOnlyOnTheJdkAndPdfBox() {
        JavaClasses imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.oms.platform.documents");
        assertThat(imported.contain(LabelRenderer.class)).isTrue();
        assertThat(imported.contain(LabelRendererTest.class)).isFalse();

        classes().that().resideInAPackage("dev.oms.platform.documents")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.oms.platform.documents", "java..", "javax.imageio..",
                        "org.apache.pdfbox..", "org.apache.fontbox..")
                .because("rendering is a pure library: the callers bring the data and store the bytes")
                .check(imported);
    }
}
