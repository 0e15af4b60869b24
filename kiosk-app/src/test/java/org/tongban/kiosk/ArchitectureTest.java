package org.tongban.kiosk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules a newcomer must not break; see docs/adr/0001-module-split.md. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // devices' test jar (its reader emulators, for the command-line tests) is test code too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.tongban");
    }

    @Test
    void devicesAndPrintingNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage("org.tongban.devices..", "org.tongban.printing..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void viewsNeverTouchTheOutboxOrTheDatabase() {
        noClasses().that().resideInAPackage("org.tongban.kiosk.shell..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.tongban.kiosk.outbox..", "java.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void rulesLiveOutsideTheViews() {
        noClasses().that().resideInAnyPackage("org.tongban.kiosk.flow..", "org.tongban.kiosk.session..",
                        "org.tongban.kiosk.catalog..", "org.tongban.kiosk.outbox..", "org.tongban.kiosk.platform..",
                        "org.tongban.kiosk.config..", "org.tongban.kiosk.status..", "org.tongban.kiosk.voice..",
                        "org.tongban.kiosk.input..", "org.tongban.kiosk.assistance..",
                        "org.tongban.kiosk.accessibility..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.tongban.kiosk.shell..")
                .check(classes);
    }

    @Test
    void noStaticSingletons() {
        // Mutable static state would hide a dependency from the composition root and leak between tests.
        noFields().that().areStatic().and().areNotFinal()
                .should().beDeclaredInClassesThat().resideInAPackage("org.tongban..")
                .allowEmptyShould(true)
                .check(classes);
        noFields().that().areStatic().and().haveRawType(
                        com.tngtech.archunit.base.DescribedPredicate.describe("a service of ours",
                                (com.tngtech.archunit.core.domain.JavaClass t) -> t.getPackageName().startsWith("org.tongban")
                                        && !t.isEnum() && !t.isRecord()))
                .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().beDeclaredInClassesThat().resideInAPackage("org.tongban..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
