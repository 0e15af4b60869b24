package org.tongban.kiosk.update;

/** What an artifact of a release carries. */
public enum ArtifactKind {
    /** the application (kiosk-app.jar and its lib/ folder, zipped), installed into the inactive slot */
    APP,
    /** kiosk.yaml and devices.yaml, zipped */
    CONFIG,
    /** catalog.yaml and items/, zipped */
    CATALOG
}
