package org.tongban.devices.hardware;

import org.tongban.devices.DeviceClass;
import org.tongban.devices.DriverCatalog;
import org.tongban.devices.camera.OpenCvCamera;
import org.tongban.devices.idcard.SamIdCardReader;
import org.tongban.devices.printer.cups.CupsDocumentPrinter;
import org.tongban.devices.printer.escpos.EscPosReceiptPrinter;
import org.tongban.devices.qr.SerialQrScanner;
import org.tongban.devices.scanner.sane.SaneDocumentScanner;
import org.tongban.devices.smartcard.PcscSmartCardReader;

/** Registers the driver for real hardware of every device class, by the names {@code devices.yaml} uses. */
public final class HardwareDrivers {

    private HardwareDrivers() {
    }

    /** Adds every real driver to {@code catalog} and returns it (the simulators: {@code Simulators.registerAll}). */
    public static DriverCatalog registerAll(DriverCatalog catalog) {
        return catalog
                .register(DeviceClass.DOCUMENT_PRINTER, CupsDocumentPrinter.DRIVER, CupsDocumentPrinter::fromSpec)
                .register(DeviceClass.RECEIPT_PRINTER, EscPosReceiptPrinter.DRIVER, EscPosReceiptPrinter::fromSpec)
                .register(DeviceClass.ID_CARD_READER, SamIdCardReader.DRIVER, SamIdCardReader::fromSpec)
                .register(DeviceClass.SMART_CARD_READER, PcscSmartCardReader.DRIVER, PcscSmartCardReader::fromSpec)
                .register(DeviceClass.CAMERA, OpenCvCamera.DRIVER, OpenCvCamera::fromSpec)
                .register(DeviceClass.QR_SCANNER, SerialQrScanner.DRIVER, SerialQrScanner::fromSpec)
                .register(DeviceClass.DOCUMENT_SCANNER, SaneDocumentScanner.DRIVER, SaneDocumentScanner::fromSpec);
    }
}
