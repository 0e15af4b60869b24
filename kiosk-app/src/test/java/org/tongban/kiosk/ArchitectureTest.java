package org.tongban.kiosk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.devices.Device;
import org.tongban.devices.DeviceListener;
import org.tongban.devices.DeviceRegistry;

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
    void featurePackagesHaveNoCycles() {
        // A cycle makes two features one: neither can be understood, tested or moved without the other.
        slices().matching("org.tongban.kiosk.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCompositionRootIsOnTop() {
        // Terminal and Demo wire every feature; a feature that reached back into them would be wired to itself.
        noClasses().that().resideOutsideOfPackages("org.tongban.kiosk.app..", "org.tongban.kiosk.cli..")
                .and().resideInAPackage("org.tongban.kiosk..")
                .and().doNotHaveFullyQualifiedName("org.tongban.kiosk.Main")
                .should().dependOnClassesThat().resideInAPackage("org.tongban.kiosk.app..")
                .check(classes);
    }

    @Test
    void theJournalKnowsNoFeature() {
        // Features write into the journal (JournalFeed lives with the flows it watches); the journal never reads them.
        noClasses().that().resideInAPackage("org.tongban.kiosk.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tongban.kiosk.flow..",
                        "org.tongban.kiosk.app..", "org.tongban.kiosk.shell..")
                .check(classes);
    }

    @Test
    void viewsNeverReachDevicesDirectly() {
        // A view may show values from the devices module (a device's spec, health, a camera frame) that a feature
        // hands it, but never holds a device, listens to one or reaches the registry: device calls block, fail
        // and need their lifecycle, which the features own.
        DescribedPredicate<JavaClass> aDevice = DescribedPredicate.describe("a device, a device listener or the registry",
                c -> c.isAssignableTo(Device.class) || c.isAssignableTo(DeviceListener.class)
                        || c.isAssignableTo(DeviceRegistry.class));
        noClasses().that().resideInAPackage("org.tongban.kiosk.shell..")
                // Frozen: the face step's live preview listens to the camera the step holds. It moves behind the
                // step's own preview when the flow engine gets one handler per step type (issue 15, part 3).
                .and().doNotHaveFullyQualifiedName("org.tongban.kiosk.shell.CameraStepView")
                .should().dependOnClassesThat(aDevice)
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
