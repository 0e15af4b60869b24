package org.tongban.devices;

/** The device classes a terminal can have; one interface each, as in UnifiedPOS and XFS4IoT. */
public enum DeviceClass {
    ID_CARD_READER,
    SMART_CARD_READER,
    CAMERA,
    DOCUMENT_PRINTER,
    RECEIPT_PRINTER,
    DOCUMENT_SCANNER,
    QR_SCANNER
}
